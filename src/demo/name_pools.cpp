#include "demo/name_pools.h"

#include <array>

namespace dossier::demo::detail {
namespace {

using SV = std::string_view;

constexpr std::array<SV, 24> kEnFemale = {
    "Emma",  "Olivia",  "Harper",  "Abigail", "Nora",   "Hazel",  "Avery",    "Claire",
    "Megan", "Renée",   "Siobhán", "Zoë",     "Jordan", "Priya",  "Imogen",   "Tessa",
    "Maeve", "Juniper", "Willa",   "Naomi",   "Keisha", "Adaeze", "Rosalind", "Bethany"};
constexpr std::array<SV, 24> kEnMale = {
    "Liam", "Noah",   "Owen",   "Caleb", "Wyatt",  "Isaac",  "Rowan",   "Declan",
    "Seán", "Jerome", "Marcus", "Arjun", "Elliot", "Tobias", "Desmond", "Callum",
    "Ezra", "Malik",  "Jasper", "Theo",  "Nikhil", "Chidi",  "Barnaby", "Fletcher"};
constexpr std::array<FamilyName, 32> kEnFamily = {
    {{"Whitfield", ""},     {"Calloway", ""},  {"Ashford", ""},     {"Merriweather", ""},
     {"Thornbury", ""},     {"O'Donnell", ""}, {"MacAllister", ""}, {"Brennan-Shaw", ""},
     {"Okafor", ""},        {"Iyer", ""},      {"Lindqvist", ""},   {"Pembroke", ""},
     {"Fairbanks", ""},     {"Delacroix", ""}, {"Hollis", ""},      {"Van der Berg", ""},
     {"Aldridge", ""},      {"Blackwood", ""}, {"Carrington", ""},  {"Dunmore", ""},
     {"Ellsworth", ""},     {"Fenwick", ""},   {"Greenhalgh", ""},  {"Hargreaves", ""},
     {"Ingram", ""},        {"Kettering", ""}, {"Lockhart", ""},    {"Marlowe", ""},
     {"Nakamura-Reid", ""}, {"Oyelaran", ""},  {"Prescott", ""},    {"Quincey", ""}}};

constexpr std::array<SV, 10> kEsFemale = {"María",  "Lucía", "Sofía", "Valentina", "Camila",
                                          "Ximena", "Inés",  "Paola", "Guadalupe", "Noemí"};
constexpr std::array<SV, 10> kEsMale = {"José",  "Mateo", "Alejandro", "Joaquín", "Andrés",
                                        "Rubén", "Iván",  "Tomás",     "Héctor",  "Emilio"};
constexpr std::array<FamilyName, 10> kEsFamily = {{{"García", ""},
                                                   {"Hernández", ""},
                                                   {"Núñez", ""},
                                                   {"Peña", ""},
                                                   {"Muñoz", ""},
                                                   {"Ibáñez", ""},
                                                   {"Castañeda", ""},
                                                   {"Ortiz", ""},
                                                   {"Valdés", ""},
                                                   {"Saldaña", ""}}};

constexpr std::array<SV, 6> kPlFemale = {"Łucja",     "Zofia",  "Małgorzata",
                                         "Agnieszka", "Oliwia", "Bożena"};
constexpr std::array<SV, 6> kPlMale = {"Wojciech", "Paweł",  "Jędrzej",
                                       "Łukasz",   "Michał", "Grzegorz"};
constexpr std::array<FamilyName, 6> kPlFamily = {{{"Nowak", ""},
                                                  {"Wójcik", ""},
                                                  {"Kowalczyk", ""},
                                                  {"Wiśniewski", "Wiśniewska"},
                                                  {"Zieliński", "Zielińska"},
                                                  {"Dąbrowski", "Dąbrowska"}}};

constexpr std::array<SV, 6> kDaFemale = {"Mette", "Freja", "Åse", "Ingrid", "Sørine", "Astrid"};
constexpr std::array<SV, 6> kDaMale = {"Søren", "Bjørn", "Jørgen", "Anders", "Mads", "Øystein"};
constexpr std::array<FamilyName, 6> kDaFamily = {{{"Sørensen", ""},
                                                  {"Jørgensen", ""},
                                                  {"Kjær", ""},
                                                  {"Mortensen", ""},
                                                  {"Dahl", ""},
                                                  {"Østergaard", ""}}};

constexpr std::array<SV, 6> kFrFemale = {"Chloé", "Anaïs", "Élodie", "Céline", "Maëlle", "Inès"};
constexpr std::array<SV, 6> kFrMale = {"Benoît", "Jérôme", "Loïc", "François", "Gaël", "Rémi"};
constexpr std::array<FamilyName, 6> kFrFamily = {{{"Lefèvre", ""},
                                                  {"Moreau", ""},
                                                  {"Bénard", ""},
                                                  {"Fournier", ""},
                                                  {"Mercier", ""},
                                                  {"Gauthier", ""}}};

constexpr std::array<SV, 6> kTrFemale = {"Çağla", "Gülşen", "Elif", "Şule", "Ayşe", "Özge"};
constexpr std::array<SV, 6> kTrMale = {"Emre", "Oğuz", "Barış", "Çağan", "Mehmet", "Tolga"};
constexpr std::array<FamilyName, 6> kTrFamily = {
    {{"Yılmaz", ""}, {"Öztürk", ""}, {"Şahin", ""}, {"Aydın", ""}, {"Çelik", ""}, {"Doğan", ""}}};

constexpr std::array<SV, 6> kViFemale = {"Thảo", "Linh", "Ngọc", "Hương", "Trang", "Mai"};
constexpr std::array<SV, 6> kViMale = {"Minh", "Huy", "Đức", "Quang", "Tuấn", "Khoa"};
constexpr std::array<FamilyName, 6> kViFamily = {
    {{"Nguyễn", ""}, {"Trần", ""}, {"Lê", ""}, {"Phạm", ""}, {"Võ", ""}, {"Đặng", ""}}};

constexpr std::array<SV, 6> kJaFemale = {"花子", "陽菜", "結衣", "美咲", "さくら", "葵"};
constexpr std::array<SV, 6> kJaMale = {"翔太", "健太", "大輝", "蓮", "悠斗", "拓海"};
constexpr std::array<FamilyName, 6> kJaFamily = {
    {{"山田", ""}, {"佐藤", ""}, {"鈴木", ""}, {"高橋", ""}, {"渡辺", ""}, {"小林", ""}}};

constexpr std::array<SV, 6> kRuFemale = {"Анна", "Мария", "Ольга", "Екатерина", "Наталья", "Дарья"};
constexpr std::array<SV, 6> kRuMale = {"Дмитрий", "Алексей", "Сергей",
                                       "Михаил",  "Игорь",   "Николай"};
constexpr std::array<FamilyName, 6> kRuFamily = {{{"Смирнов", "Смирнова"},
                                                  {"Волков", "Волкова"},
                                                  {"Соколов", "Соколова"},
                                                  {"Морозов", "Морозова"},
                                                  {"Лебедев", "Лебедева"},
                                                  {"Кузнецов", "Кузнецова"}}};

constexpr std::array<SV, 6> kArFemale = {"فاطمة", "مريم", "ليلى", "نور", "سلمى", "هدى"};
constexpr std::array<SV, 6> kArMale = {"محمد", "أحمد", "يوسف", "عمر", "خالد", "كريم"};
constexpr std::array<FamilyName, 6> kArFamily = {
    {{"حداد", ""}, {"منصور", ""}, {"ناصر", ""}, {"الحسن", ""}, {"العلي", ""}, {"خوري", ""}}};

constexpr std::array<SV, 6> kElFemale = {"Ελένη",    "Κατερίνα", "Σοφία",
                                         "Δέσποινα", "Αθηνά",    "Βασιλική"};
constexpr std::array<SV, 6> kElMale = {"Γιώργος", "Νίκος",  "Δημήτρης",
                                       "Κώστας",  "Σπύρος", "Παναγιώτης"};
constexpr std::array<FamilyName, 6> kElFamily = {{{"Γεωργίου", ""},
                                                  {"Νικολάου", ""},
                                                  {"Οικονόμου", ""},
                                                  {"Δημητρίου", ""},
                                                  {"Αντωνίου", ""},
                                                  {"Παπαδόπουλος", "Παπαδοπούλου"}}};

constexpr std::array<SV, 6> kKoFemale = {"민지", "서연", "지우", "하은", "수빈", "예린"};
constexpr std::array<SV, 6> kKoMale = {"민준", "서준", "도윤", "지호", "현우", "태윤"};
constexpr std::array<FamilyName, 6> kKoFamily = {
    {{"김", ""}, {"이", ""}, {"박", ""}, {"최", ""}, {"정", ""}, {"강", ""}}};

constexpr std::array<SV, 6> kZhFemale = {"芳", "静", "婷", "秀英", "雨桐", "欣怡"};
constexpr std::array<SV, 6> kZhMale = {"伟", "磊", "浩然", "子轩", "志强", "俊杰"};
constexpr std::array<FamilyName, 6> kZhFamily = {
    {{"王", ""}, {"李", ""}, {"张", ""}, {"陈", ""}, {"刘", ""}, {"黄", ""}}};

constexpr std::array<Culture, 13> kCultures = {{
    {"en", false, kEnFemale, kEnMale, kEnFamily, 40},
    {"es", false, kEsFemale, kEsMale, kEsFamily, 18},
    {"pl", false, kPlFemale, kPlMale, kPlFamily, 4},
    {"da", false, kDaFemale, kDaMale, kDaFamily, 3},
    {"fr", false, kFrFemale, kFrMale, kFrFamily, 3},
    {"tr", false, kTrFemale, kTrMale, kTrFamily, 3},
    {"vi", false, kViFemale, kViMale, kViFamily, 5},
    {"ja", true, kJaFemale, kJaMale, kJaFamily, 4},
    {"ru", true, kRuFemale, kRuMale, kRuFamily, 4},
    {"ar", true, kArFemale, kArMale, kArFamily, 4},
    {"el", true, kElFemale, kElMale, kElFamily, 3},
    {"ko", true, kKoFemale, kKoMale, kKoFamily, 4},
    {"zh", true, kZhFemale, kZhMale, kZhFamily, 5},
}};

}  // namespace

std::span<const Culture> cultures() {
  return kCultures;
}

const Culture& pick_culture(Rng& rng, bool non_latin_only) {
  int total = 0;
  for (const auto& c : kCultures) {
    if (!non_latin_only || c.non_latin) total += c.weight;
  }
  int x = rng.range(0, total - 1);
  for (const auto& c : kCultures) {
    if (non_latin_only && !c.non_latin) continue;
    if (x < c.weight) return c;
    x -= c.weight;
  }
  return kCultures.back();
}

PersonName make_name(Rng& rng, const Culture& culture, bool feminine, bool with_middle) {
  const auto& given_pool = feminine ? culture.female : culture.male;
  PersonName name;
  name.culture = &culture;
  name.given = std::string(rng.pick(given_pool));
  if (with_middle) {
    const std::string_view middle = rng.pick(given_pool);
    if (middle != name.given) name.middle = std::string(middle);
  }
  const FamilyName& family = rng.pick(culture.family);
  name.family = std::string(feminine && !family.female.empty() ? family.female : family.male);
  return name;
}

}  // namespace dossier::demo::detail
