#include "claims/cms1500_form.h"

namespace dossier::claims::cms1500 {
namespace {

// Columns of the form's upper part: the patient's (left), the condition block (middle) and
// the insured's (right).
constexpr double kLeft = 24, kMid = 230, kRight = 372, kEnd = 588;
constexpr double kRow = 22;
constexpr double kTop = 90;
// The rows under the service lines: items 25–30, then 31–33 with 32a/b and 33a/b.
constexpr double kTotals = 598, kSigned = 620, kIds = 668;

constexpr double row(int n) {
  return kTop + n * kRow;
}

}  // namespace

const std::vector<Box>& boxes() {
  static const std::vector<Box> kBoxes = {
      {"carrier", "CARRIER (PAYER NAME AND ADDRESS)", kRight, 30, kEnd - kRight, 56},
      {"1", "1. MEDICARE  MEDICAID  TRICARE  CHAMPVA  GROUP HEALTH PLAN  FECA BLK LUNG  OTHER",
       kLeft, row(0), kRight - kLeft, kRow},
      {"1a", "1a. INSURED'S I.D. NUMBER (For Program in Item 1)", kRight, row(0), kEnd - kRight,
       kRow},
      {"2", "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", kLeft, row(1),
       kMid - kLeft, kRow},
      {"3", "3. PATIENT'S BIRTH DATE  SEX", kMid, row(1), kRight - kMid, kRow},
      {"4", "4. INSURED'S NAME (Last Name, First Name, Middle Initial)", kRight, row(1),
       kEnd - kRight, kRow},
      {"5", "5. PATIENT'S ADDRESS (No., Street) / CITY  STATE / ZIP CODE", kLeft, row(2),
       kMid - kLeft, 3 * kRow},
      {"6", "6. PATIENT RELATIONSHIP TO INSURED", kMid, row(2), kRight - kMid, kRow},
      {"8", "8. RESERVED FOR NUCC USE", kMid, row(3), kRight - kMid, 2 * kRow},
      {"7", "7. INSURED'S ADDRESS (No., Street) / CITY  STATE / ZIP CODE", kRight, row(2),
       kEnd - kRight, 3 * kRow},
      {"9", "9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)", kLeft, row(5),
       kMid - kLeft, kRow},
      {"9a", "a. OTHER INSURED'S POLICY OR GROUP NUMBER", kLeft, row(6), kMid - kLeft, kRow},
      {"9b", "b. RESERVED FOR NUCC USE", kLeft, row(7), kMid - kLeft, kRow},
      {"9c", "c. RESERVED FOR NUCC USE", kLeft, row(8), kMid - kLeft, kRow},
      {"9d", "d. INSURANCE PLAN NAME OR PROGRAM NAME", kLeft, row(9), kMid - kLeft, kRow},
      {"10", "10. IS PATIENT'S CONDITION RELATED TO:", kMid, row(5), kRight - kMid, kRow},
      {"10a", "a. EMPLOYMENT? (Current or Previous)", kMid, row(6), kRight - kMid, kRow},
      {"10b", "b. AUTO ACCIDENT?  PLACE (State)", kMid, row(7), kRight - kMid, kRow},
      {"10c", "c. OTHER ACCIDENT?", kMid, row(8), kRight - kMid, kRow},
      {"10d", "10d. CLAIM CODES (Designated by NUCC)", kMid, row(9), kRight - kMid, kRow},
      {"11", "11. INSURED'S POLICY GROUP OR FECA NUMBER", kRight, row(5), kEnd - kRight, kRow},
      {"11a", "a. INSURED'S DATE OF BIRTH  SEX", kRight, row(6), kEnd - kRight, kRow},
      {"11b", "b. OTHER CLAIM ID (Designated by NUCC)", kRight, row(7), kEnd - kRight, kRow},
      {"11c", "c. INSURANCE PLAN NAME OR PROGRAM NAME", kRight, row(8), kEnd - kRight, kRow},
      {"11d", "d. IS THERE ANOTHER HEALTH BENEFIT PLAN?", kRight, row(9), kEnd - kRight, kRow},
      {"12", "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE  DATE", kLeft, row(10), kRight - kLeft,
       kRow},
      {"13", "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", kRight, row(10), kEnd - kRight,
       kRow},
      {"14", "14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)  QUAL.", kLeft, row(11),
       kMid - kLeft, kRow},
      {"15", "15. OTHER DATE  QUAL.", kMid, row(11), kRight - kMid, kRow},
      {"16", "16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION", kRight, row(11),
       kEnd - kRight, kRow},
      {"17", "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE  17a.  17b. NPI", kLeft, row(12),
       kRight - kLeft, kRow},
      {"18", "18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES", kRight, row(12),
       kEnd - kRight, kRow},
      {"19", "19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)", kLeft, row(13),
       kRight - kLeft, kRow},
      {"20", "20. OUTSIDE LAB?  $ CHARGES", kRight, row(13), kEnd - kRight, kRow},
      {"21", "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)",
       kLeft, row(14), kRight - kLeft, 2 * kRow},
      {"22", "22. RESUBMISSION CODE  ORIGINAL REF. NO.", kRight, row(14), kEnd - kRight, kRow},
      {"23", "23. PRIOR AUTHORIZATION NUMBER", kRight, row(15), kEnd - kRight, kRow},
      {"25", "25. FEDERAL TAX I.D. NUMBER  SSN EIN", kLeft, kTotals, 130, kRow},
      {"26", "26. PATIENT'S ACCOUNT NO.", 154, kTotals, 110, kRow},
      {"27", "27. ACCEPT ASSIGNMENT?", 264, kTotals, 108, kRow},
      {"28", "28. TOTAL CHARGE", kRight, kTotals, 72, kRow},
      {"29", "29. AMOUNT PAID", 444, kTotals, 72, kRow},
      {"30", "30. Rsvd for NUCC Use", 516, kTotals, kEnd - 516, kRow},
      {"31", "31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS", kLeft,
       kSigned, 190, 60},
      {"32", "32. SERVICE FACILITY LOCATION INFORMATION", 214, kSigned, 180, 48},
      {"32a", "a. NPI", 214, kIds, 90, 12},
      {"32b", "b.", 304, kIds, 90, 12},
      {"33", "33. BILLING PROVIDER INFO & PH #", 394, kSigned, kEnd - 394, 48},
      {"33a", "a. NPI", 394, kIds, 97, 12},
      {"33b", "b.", 491, kIds, kEnd - 491, 12},
  };
  return kBoxes;
}

const LineGrid& line_grid() {
  static const LineGrid kGrid = {row(16) + 4, 20, 22};
  return kGrid;
}

const std::vector<Box>& line_columns() {
  static const std::vector<Box> kColumns = {
      {"24A", "24. A. DATE(S) OF SERVICE From / To", kLeft, 0, 110, 0},
      {"24B", "B. PLACE OF SERVICE", 134, 0, 34, 0},
      {"24C", "C. EMG", 168, 0, 24, 0},
      {"24D", "D. PROCEDURES, SERVICES, OR SUPPLIES CPT/HCPCS  MODIFIER", 192, 0, 126, 0},
      {"24E", "E. DIAGNOSIS POINTER", 318, 0, 54, 0},
      {"24F", "F. $ CHARGES", 372, 0, 66, 0},
      {"24G", "G. DAYS OR UNITS", 438, 0, 36, 0},
      {"24H", "H. EPSDT Family Plan", 474, 0, 30, 0},
      {"24I", "I. ID. QUAL.", 504, 0, 24, 0},
      {"24J", "J. RENDERING PROVIDER ID. #", 528, 0, 60, 0},
  };
  return kColumns;
}

const std::vector<Caption>& captions() {
  static const std::vector<Caption> kCaptions = {
      {"HEALTH INSURANCE CLAIM FORM", 24, 44, 14, true},
      {"APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12", 24, 66, 6.5, false},
      {"FORM 1500 (02-12)   PLEASE PRINT OR TYPE", 24, 700, 6.5, true},
  };
  return kCaptions;
}

}  // namespace dossier::claims::cms1500
