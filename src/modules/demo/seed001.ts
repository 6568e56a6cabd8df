// Seed 001: the May 2024 report of the Hoằng Hóa health centre (TTYT399), as district totals by
// data element (or element.optionCombo) of the default package. The demo puts exactly these totals
// into TTYT399 + its stations for 202405. Keys without a comment are figures stated in the seed;
// "chosen" marks values the seed does not state, picked so that its percentages come out of the data.
export const SEED_UNIT = 'TTYT399';
export const SEED_PERIOD = '202405';
export const SEED_YEAR = 2024;

export const SEED_001: Record<string, number> = {
  // I.4 staffing: the centre
  'HR_STAFF.EMP_PERMANENT': 50,
  'HR_STAFF.EMP_CONTRACT': 1,
  'HR_STAFF_POSTGRAD.PG_MASTER': 2,
  'HR_STAFF_POSTGRAD.PG_SPEC1': 5,
  'HR_STAFF_UNIVERSITY.UNI_DOCTOR': 5,
  'HR_STAFF_UNIVERSITY.UNI_NURSE': 6,
  'HR_STAFF_UNIVERSITY.UNI_PHARMACIST': 1,
  'HR_STAFF_UNIVERSITY.UNI_PUBLIC_HEALTH': 3,
  'HR_STAFF_UNIVERSITY.UNI_OTHER': 7,
  'HR_STAFF_COLLEGE.COL_NURSE': 5,
  'HR_STAFF_COLLEGE.COL_ACCOUNTANT': 1,
  'HR_STAFF_COLLEGE.COL_PHARMACIST': 2,
  'HR_STAFF_COLLEGE.COL_LAB_TECH': 2,
  'HR_STAFF_SECONDARY.SEC_ASSISTANT_DOCTOR': 11,
  HR_STAFF_DRIVER: 1,
  // the methadone facility
  'HR_MMT_STAFF.EMP_CONTRACT': 2,
  'HR_MMT_STAFF_ROLE.MMT_PHARMACIST': 1,
  'HR_MMT_STAFF_ROLE.MMT_GUARD': 1,
  // the stations
  HR_TYT_STAFF: 187,
  'HR_TYT_STAFF_PROF.PROF_DOCTOR': 39,
  'HR_TYT_STAFF_PROF.PROF_ASSISTANT_DOCTOR': 102,
  'HR_TYT_STAFF_PROF.PROF_MIDWIFE': 15,
  'HR_TYT_STAFF_PROF.PROF_NURSE': 31,

  // II.2 communicable diseases and COVID-19
  CD_INFLUENZA: 235,
  CD_DIARRHOEA: 140,
  'COVID_DOSES.BOOSTER2': 42,
  'COVID_DOSES_CUM.DOSE1': 157_422,
  'COVID_DOSES_CUM.DOSE2': 157_561,
  'COVID_DOSES_CUM.DOSE3': 36_724,
  'COVID_DOSES_CUM.BOOSTER1': 103_236,
  'COVID_DOSES_CUM.BOOSTER2': 38_317,
  'COVID_DOSES_CUM.ADDITIONAL': 16_331, // the six add up to the seed's total 509.591
  COVID_BOOSTER_CUM: 17_013, // "mũi nhắc lại", not part of the total

  // II.5 communication
  'COMM_ARTICLES.TOPIC_EPIDEMIC': 53,
  'COMM_ARTICLES.TOPIC_FOOD_SAFETY': 25,
  'COMM_ARTICLES.TOPIC_SOCIAL_DISEASE': 63,
  'COMM_ARTICLES.TOPIC_OTHER': 53,
  COMM_COUNSELLED: 2_822,

  // 6.1 immunisation
  EPI_TARGET_CHILDREN: 3_521,
  EPI_FULL_U1: 307,
  EPI_MEASLES2: 243,
  EPI_TT2_PREG: 203,
  EPI_NT_PROTECTED: 280,
  // 6.2 malaria
  MAL_SLIDES: 25,
  MAL_POSITIVE: 0,
  // 6.3 food safety
  FS_ESTABLISHMENTS: 610,
  FS_POISONING_CASES: 82,
  // 6.4 sanitation: 56.735 / 61.468 = 92,3 % (chosen)
  SAN_HOUSEHOLDS: 61_468,
  SAN_HH_LATRINE: 56_735,
  // 6.5 occupational health
  OH_COMPANIES_INSPECTED: 2,
  OH_WORKERS_EXAMINED: 114,
  // 6.6 injuries and poisoning
  INJ_CASES: 77,
  POIS_CHEM_CASES: 0,
  // 6.7 HIV/AIDS
  HIV_LIVING: 268,
  AIDS_LIVING: 63,
  MMT_PATIENTS: 110,
  HIV_NEW: 0,
  AIDS_DEATHS: 0,
  HIV_COUNSELLING: 50,
  HIV_NEEDLES: 6_000,
  HIV_CONDOMS: 1_440,
  // 6.8 iodine: 1.764 / 1.800 = 98 % (survey size chosen)
  'IOD_GOITRE_MANAGED.GOITRE_ORDINARY': 303,
  'IOD_GOITRE_MANAGED.GOITRE_BASEDOW': 32,
  IOD_SALT_HH_SURVEYED: 1_800,
  IOD_SALT_HH_ADEQUATE: 1_764,
  // 6.9 tuberculosis: cure rate 1 / 13 = 7,7 % (cohort chosen)
  TB_NEW_ALL: 1,
  TB_UNDER_TREATMENT: 16,
  TB_NEW_AFB: 0,
  TB_AFB_COHORT: 13,
  TB_AFB_CURED: 1,
  // 6.10 mental health
  MH_PROGRAMME: 31,
  MH_MANAGED: 1_196,
  MH_STABLE: 1_196,
  MH_NEW: 0,
  // 6.11 population and family planning
  'FP_BIRTHS.MALE': 140,
  'FP_BIRTHS.FEMALE': 118,
  FP_BIRTHS_THIRD: 56,
  'FP_USERS.FP_PILL': 1_380,
  'FP_USERS.FP_CONDOM': 1_344,
  'FP_USERS.FP_IUD': 2,
  // 6.12 reproductive health: average visits 819 / 256 = 3,2 (deliveries and visits chosen)
  MCH_DELIV_ANC4: 255,
  'MCH_DELIVERIES.PLACE_STATION': 6,
  'MCH_DELIVERIES.PLACE_OTHER_FACILITY': 249,
  'MCH_DELIVERIES.PLACE_OUTSIDE': 1,
  MCH_ANC_VISITS_DELIVERED: 819,
  MCH_DEATHS_U5: 0,
  MCH_LBW: 8,
  MCH_LIVE_BIRTHS: 258,
  // 6.13 laboratory
  'LAB_TESTS.LAB_AFB': 103,
  'LAB_TESTS.LAB_HIV': 43,
  'LAB_TESTS.LAB_MALARIA': 25,
  'LAB_TESTS.LAB_FOOD': 10,
  'LAB_TESTS.LAB_OTHER': 31,
  // 6.14 curative care
  PKDK_TB_INSURED_VISITS: 10,
  OPD_VISITS: 7_954,
  OPD_VISITS_INSURED: 2_529,
  OPD_REFERRALS: 82,
  OPD_REVENUE: 49_875_000,
  // 8.1 Project 06 (check-ins at the polyclinic and the stations)
  D06_CHIP_CHECKINS: 1_924,
  D06_LOOKUP_OK: 1_721,
  EHR_CREATED_CUM: 238_168,
  EHR_PART_B_CUM: 238_017,
  EHR_PART_C_CUM: 231_149,
  EHR_PART_D_CUM: 237_976,
  EPRESC_SENT: 2_414,
  PAY_TOTAL: 853,
  PAY_CASHLESS: 354,
  // the population behind "99,35 %" (chosen: 238.168 / 239.715 = 99,35 %)
  POP_TOTAL: 239_715,
};

/** The centre's own share of figures reported by both the polyclinic and the stations (chosen). */
export const SEED_CENTRE_SHARE: Record<string, number> = {
  D06_CHIP_CHECKINS: 402,
  D06_LOOKUP_OK: 371,
};

/** Percentages the seed states, and how the demo reproduces them (value, decimals). */
export const SEED_PERCENTAGES = {
  indicators: {
    IND_EHR_COVERAGE: [99.35, 2],
    IND_EHR_PART_B_PCT: [99.29, 2],
    IND_EHR_PART_C_PCT: [96.43, 2],
    IND_EHR_PART_D_PCT: [99.28, 2], // not reachable together with 99,35: gives 99,27 (see demo report)
    IND_LATRINE_PCT: [92.3, 1],
    IND_IODISED_SALT_PCT: [98, 0],
    IND_TB_AFB_CURE_RATE: [7.7, 1],
    IND_ANC_AVG_VISITS: [3.2, 1],
    IND_SEX_RATIO_BIRTH: [118, 0], // the seed truncates 118,6 to "118/100"
  } as Record<string, [number, number]>,
  /** "đạt X % kế hoạch": the May figure ÷ the annual 2024 target, rounded to 1 decimal. */
  ofPlan: {
    EPI_FULL_U1: 8.7,
    EPI_MEASLES2: 7.0,
    EPI_TT2_PREG: 5.6,
    EPI_NT_PROTECTED: 7.9,
  } as Record<string, number>,
};
