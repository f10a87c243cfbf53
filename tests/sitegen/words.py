"""Swahili text material for generated pages (written for these tests), German archive alts.

The strings mimic what DW Kiswahili pages carry: Swahili prose, German image archive names as
`alt` (docs/dw-site.md §6), agency/photographer credits in DW's forms.
"""

from __future__ import annotations

SENTENCES = (
    "Serikali ya Tanzania imetangaza mpango mpya wa kuimarisha huduma za afya vijijini.",
    "Wakulima wa mkoa wa Kilimanjaro wanasema mvua za mwaka huu zimechelewa kwa wiki tatu.",
    "Rais amewataka viongozi wa mikoa kuhakikisha fedha za maendeleo zinatumika ipasavyo.",
    "Mkutano huo ulihudhuriwa na wajumbe kutoka nchi kumi na mbili za Afrika Mashariki.",
    "Wachambuzi wa siasa wanasema uchaguzi ujao utakuwa kipimo kikubwa kwa chama tawala.",
    "Bei ya mafuta imepanda kwa asilimia kumi katika kipindi cha miezi mitatu iliyopita.",
    "Shirika la Umoja wa Mataifa limeonya kuhusu hatari ya ukame katika eneo la Pembe ya Afrika.",
    "Wanafunzi wengi wamerudi shuleni baada ya likizo ndefu iliyosababishwa na mafuriko.",
    "Polisi wamesema uchunguzi wa tukio hilo bado unaendelea na watu watatu wamekamatwa.",
    "Wafanyabiashara wa soko la Kariakoo wamelalamikia ongezeko la kodi mpya.",
    "Ujerumani imeahidi kuendelea kusaidia miradi ya nishati mbadala barani Afrika.",
    "Mazungumzo ya amani yanatarajiwa kuanza tena mjini Nairobi mwishoni mwa mwezi huu.",
    "Madaktari wanasema idadi ya wagonjwa wa malaria imepungua katika miaka ya karibuni.",
    "Vijana wengi wanatafuta ajira katika sekta ya teknolojia na mawasiliano.",
    "Kiongozi wa upinzani amekosoa uamuzi huo akisema haukuzingatia maoni ya wananchi.",
    "Benki Kuu imesema mfumuko wa bei umeanza kushuka taratibu.",
    "Wakaazi wa Zanzibar wamejitokeza kwa wingi kushiriki zoezi la kujiandikisha.",
    "Ripoti hiyo inaonyesha kuwa zaidi ya nusu ya kaya hazina maji safi ya kunywa.",
    "Waziri wa mambo ya nje amesema nchi yake iko tayari kushirikiana na majirani zake.",
    "Timu ya taifa imeanza maandalizi ya mashindano ya kombe la mataifa ya Afrika.",
    "Wataalamu wa mazingira wanataka hatua za haraka kulinda misitu ya asili.",
    "Mahakama imeahirisha kesi hiyo hadi mwezi ujao ili kutoa nafasi ya ushahidi zaidi.",
    "Wavuvi wa Ziwa Victoria wanasema samaki wamepungua kutokana na uvuvi haramu.",
    "Shirika la reli limeanza safari za majaribio kwenye njia mpya ya kisasa.",
    "Wasanii wa muziki wa bongo fleva wamezindua tamasha la kila mwaka jijini Dar es Salaam.",
    "Msemaji wa serikali amesema taarifa kamili itatolewa baada ya kikao cha baraza la mawaziri.",
    "Walimu wamesitisha mgomo wao baada ya makubaliano na wizara ya elimu.",
    "Idadi ya watalii wanaotembelea hifadhi za taifa imeongezeka tena mwaka huu.",
    "Wakimbizi kutoka nchi jirani wanaendelea kuwasili katika kambi za mpakani.",
    "Mradi huo unatarajiwa kukamilika ndani ya miaka miwili na kuajiri watu elfu tano.",
)

HEADINGS = (
    "Changamoto za kiuchumi",
    "Maoni ya wananchi",
    "Hatua zinazofuata",
    "Historia ya mzozo",
    "Msimamo wa upinzani",
    "Athari kwa wakulima",
    "Ushirikiano wa kikanda",
    "Wito wa jumuiya ya kimataifa",
)

QUOTES = (
    "Hatuwezi kusubiri tena, wananchi wanahitaji majibu sasa.",
    "Tumejifunza mengi kutokana na makosa ya zamani.",
    "Huu ni mwanzo tu wa safari ndefu.",
    "Kila mtoto ana haki ya kupata elimu bora.",
)

TITLE_SUBJECTS = (
    "Wakulima",
    "Serikali",
    "Upinzani",
    "Wanafunzi",
    "Madaktari",
    "Wavuvi",
    "Vijana",
    "Wafanyabiashara",
    "Bunge",
    "Mahakama",
    "Wakimbizi",
    "Walimu",
)
TITLE_ACTIONS = (
    "walalamikia bei ya mbolea",
    "yaahidi mageuzi mapya",
    "wataka uchaguzi huru",
    "warudi darasani",
    "waonya kuhusu malaria",
    "walia na uvuvi haramu",
    "watafuta ajira mijini",
    "wagoma kulipa kodi mpya",
    "lapitisha bajeti ya mwaka",
    "yaahirisha kesi ya ufisadi",
    "waendelea kuwasili mpakani",
    "wasitisha mgomo",
)
PLACES = (
    "Tanzania",
    "Kenya",
    "Uganda",
    "Zanzibar",
    "Dodoma",
    "Mombasa",
    "Kigali",
    "Goma",
    "Arusha",
    "Kisumu",
    "Bujumbura",
    "Mwanza",
)
KICKERS = ("Afrika", "Siasa", "Uchumi", "Jamii", "Michezo", "Mazingira", "Afya")
TOPICS = (
    ("Tanzania", 17289520),
    ("Kenya", 17298765),
    ("Uchaguzi", 18051234),
    ("Afya", 18067543),
    ("Mazingira", 19032211),
    ("Uchumi", 19111876),
    ("Ujerumani", 17283345),
    ("Umoja wa Mataifa", 17356789),
)
PEOPLE = (
    "Caro Robi",
    "Josephat Charo",
    "Mohammed Khelef",
    "Elizabeth Shoo",
    "Saumu Mwasimba",
    "Daniel Gakuba",
    "Iddi Ssessanga",
    "Bruce Amani",
    "Amina Abubakar",
    "Sudi Mnette",
    "Lilian Mtono",
    "Grace Kabogo",
    "Yusra Buwayhid",
    "Zainab Aziz",
)
# German archive names DW keeps as `alt` even on /sw/ pages (docs/dw-site.md §6).
ALTS = (
    "Tansania Landwirtschaft Bauern bei der Ernte",
    "Kenia Nairobi Proteste gegen Steuererhöhung",
    "Kombibild - Vladimir Putin und Kim Jong Un",
    "Burundi Vereidigung Präsident Nkurunziza",
    "Uganda Kampala Markt",
    "Sansibar Stone Town Hafen",
    "50 Jahre Kisuaheli Redaktion",
    "Symbolbild Malaria Moskitonetz",
    "DR Kongo Goma Flüchtlinge",
    "Äthiopien Addis Abeba Afrikanische Union Gipfel",
)
CAPTIONS = (
    "Wakulima wakivuna mahindi katika shamba lao mkoani Morogoro",
    "Waandamanaji wakiwa katika mitaa ya jiji la Nairobi",
    "Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili Urusi",
    "Sherehe za kuapishwa kwa rais mjini Bujumbura",
    "Soko kuu la jiji la Kampala",
    "Bandari ya Mji Mkongwe, Zanzibar",
    "Wajumbe wakiwa katika mkutano wa Umoja wa Afrika mjini Addis Ababa",
    "Wakimbizi wakisubiri msaada wa chakula karibu na Goma",
)
CREDITS = (
    "Reuters/E. Ngendakumana",
    "DW",
    "Reuters/S. Zhumatov",
    "picture-alliance/AP Photo/B. Curtis",
    "AFP/Getty Images/T. Karumba",
    "DW/E. Shoo",
    "picture alliance/dpa/K. Nietfeld",
    "Imago/Xinhua",
    "picture-alliance/AP Photo//D. Lovetsky/E. Vucci",
    "gettyimages",
)
SIGN_OFFS = ("ao/gm (afp, rtr)", "sn/jm (dpa, ap)", "mh/ab (Reuters, AFP)")
# What each sign-off says, in the archive's spelling of agencies ("rtr" is DW's code for
# Reuters): the truth the expected `wire` of a generated page is taken from.
WIRE = {
    "ao/gm (afp, rtr)": (("AFP", "Reuters"), ("ao", "gm")),
    "sn/jm (dpa, ap)": (("dpa", "AP"), ("sn", "jm")),
    "mh/ab (Reuters, AFP)": (("Reuters", "AFP"), ("mh", "ab")),
}
PROMOS = (
    "Fuatilia DW Kiswahili kwenye WhatsApp ili upate habari za kila siku.",
    "Tufuatilie kwenye Facebook na Instagram kwa habari zaidi.",
)
RELATIVE = ("saa 3 zilizopita", "dakika 40 zilizopita", "saa 1 iliyopita")
