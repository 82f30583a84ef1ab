// qpdf: opt in to std::shared_ptr everywhere (silences its transition warning).
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

#include "doc/encrypt_pdf.h"

namespace dossier::doc {

Result<std::string> encrypt_pdf(std::string pdf, std::string user_password,
                                std::string owner_password) {
  try {
    QPDF in;
    in.setSuppressWarnings(true);
    in.processMemoryFile("document.pdf", pdf.data(), pdf.size());
    QPDFWriter writer(in);
    writer.setOutputMemory();
    writer.setR6EncryptionParameters(user_password.c_str(), owner_password.c_str(),
                                     /*allow_accessibility=*/true, /*allow_extract=*/true,
                                     /*allow_assemble=*/false, /*allow_annotate_and_form=*/false,
                                     /*allow_form_filling=*/true, /*allow_modify_other=*/false,
                                     qpdf_r3p_full, /*encrypt_metadata=*/true);
    writer.write();
    std::unique_ptr<Buffer> buffer(writer.getBuffer());
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const std::exception&) {
    return Error::make(ErrorCode::kUnprocessable, "the document is not a readable PDF");
  }
}

}  // namespace dossier::doc
