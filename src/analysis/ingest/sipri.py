"""SIPRI Arms Transfers Database: yearly transfers and deal-level rows.

Two resources are built from three SIPRI export layouts (see
``sources/sipri/PROVENANCE.md``):

``arms_transfers``
    Yearly volumes in millions of SIPRI trend-indicator values (TIV) for every
    export of the Soviet Union (1950–1991) and Russia (1992–2024), every import of
    Iran and every export of Iran. One SIPRI release per year: 1950–1994 come from
    the March 2022 TIV tables (integers as SIPRI rounds them, ``0`` meaning less
    than 0.5); 1995–2024 are our sums of the per-delivery-year register of the
    March 2025 release, rounded to 2 decimals.
``arms_deals``
    Every deal of the March 2025 deal register with Iran as supplier or recipient,
    including orders with nothing delivered yet.

Every reader keeps the raw file's path and the line of each row, so bad input
raises :class:`~analysis.ingest.errors.IngestError` naming file, line and field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.base import Origin, Resource, check_origin, field
from analysis.ingest.countries import UnknownCountryName, iso3_for, series_for
from analysis.ingest.errors import IngestError

# ---------------------------------------------------------------------------
# Origin records
# ---------------------------------------------------------------------------

ACCESSED = "2026-11-25"
SIPRI_URL = "https://www.sipri.org/databases/armstransfers"
TERMS_URL = "http://www.sipri.org/contents/armstrad/user_rules.html"
CREDIT_LINE = "Information from the SIPRI Arms Transfers Database"
LICENSE_TEXT = (
    f"SIPRI terms of use ({TERMS_URL}): free for non-commercial research and "
    f"comment with the source credit line '{CREDIT_LINE}', naming the release and "
    "the date retrieved; no commercial use without SIPRI's agreement. Re-formatting "
    "and calculations are allowed but are ours and must not be attributed to SIPRI."
)

TIV_TABLES_DIR = "sipri/tiv_tables_by_supplier_1950-2021"
DELIVERY_REGISTER = "sipri/trade_register_by_delivery_year_1995-2024/trade_register.csv"
DEAL_REGISTER = "sipri/trade_register_deals_all_years/trade-register.csv"
IMPORT_TOTALS = "sipri/totals_1950-2024/import-export-values_1950-2024.csv"

#: sha256 of each of the 134 supplier tables, by file name.
TIV_TABLE_SHA256: dict[str, str] = {
    "TIV-Export-ALB-1950-2021.csv": "2bf90470e22d71885aa92dd80b280ee05a017cea4b2808d66576be33dc403f08",
    "TIV-Export-ALG-1950-2021.csv": "84a38148242643bde8fae127a148cfcd7ff9870fef6a6b37d22df44f04ae58fe",
    "TIV-Export-ANG-1950-2021.csv": "37043ea2f462d1a7276f27c2ce7eeff919c19c58380e048b553bc1748946098b",
    "TIV-Export-ARG-1950-2021.csv": "97ef1eed30332578fd0d1291b5faff8c490ff34fbea1025bbab61428f33f05cd",
    "TIV-Export-ARM-1950-2021.csv": "5eadf467b836309f0e2e4ef241796049ee6765685d88b891b0d7cbfa3cd80fe1",
    "TIV-Export-ARU-1950-2021.csv": "c61278d1ab55a0652a14606eb38a47e1477f2f9fb0b64dc692163af6e0da81eb",
    "TIV-Export-AST-1950-2021.csv": "9929cc053f2e846ea4e977322eb9e7aeeed638b931f634a85aedba65fa6ca212",
    "TIV-Export-AUS-1950-2021.csv": "c2edcc982a0d03e0a84f0f499a6c327f1209122d60d21c791e61391621a82b53",
    "TIV-Export-BAH-1950-2021.csv": "4d7341b67502f8be64f170ba4500d94c0fc8a8bf01b3fefe51d72d9a86a43038",
    "TIV-Export-BAN-1950-2021.csv": "1c83fc4f52344dda9e6969fb83b8b73673153b61cba2b1e63a23f1c567903492",
    "TIV-Export-BAS-1950-2021.csv": "885e78fbbf56d43d16dd54fd3ae791e1b2e856e0626ae1be62474c0a112edbb7",
    "TIV-Export-BEL-1950-2021.csv": "33e413c11ba59be9082b832f7e8e148b9fd23a2b1aa70c65a9486633d509807b",
    "TIV-Export-BLR-1950-2021.csv": "078f290883c0b12f7dbc373616c88297a20602c2a4c7339c5174eb2fca43c72a",
    "TIV-Export-BOS-1950-2021.csv": "4dc2a64013c888c838ed3a6f9d15b35ad846eed2959651d449c935369d043109",
    "TIV-Export-BRA-1950-2021.csv": "19b1808ffcfc50664263aa10ecb8441097117a30373b8dce4f39740ddba94eed",
    "TIV-Export-BRU-1950-2021.csv": "7a26b9c00a1608918338be10c5e0bfbcb12978afabe11975f528830b5f8e056e",
    "TIV-Export-BUL-1950-2021.csv": "038cf43118ae32de05af6a71752ca5d89be90a397e8bcc33c8eb43adc4f5ef10",
    "TIV-Export-CAN-1950-2021.csv": "bf95aa790dfc57dfc9821ad7081ce69d2cb5e5dd3c4c741127c61f7dbd34442a",
    "TIV-Export-CHA-1950-2021.csv": "64e5abeeba15289a53ccfacc824c589b6fc3a811ef56e2874970a92acb872ed9",
    "TIV-Export-CHE-1950-2021.csv": "42cf60674a3e32b7a19509bdeb8f62424ab7b38e5ee4f0c02e4ad99690106f0e",
    "TIV-Export-CHI-1950-2021.csv": "13e4aae23f6c8b5d927aed19def465b1fa555e4b61c7e11ff94f4dcd84b1f4d5",
    "TIV-Export-CMB-1950-2021.csv": "2627e78d4af71e2690a61a7cf3ab5a41b285fab259a5633c9a4741c8ab9f19ca",
    "TIV-Export-COL-1950-2021.csv": "9c259e542f50697a1f7c8263f584cbadfd53b7c0f9ae0b75ec9e2c218886e1bd",
    "TIV-Export-COS-1950-2021.csv": "1091f589415310b1c72dafeb6e2b0806ebc4050cad5bf76b335e67982e1e8233",
    "TIV-Export-CRO-1950-2021.csv": "90ae7d2e3b0bc7db26c879ae18bb82e31c2bf440d768cf91a055cd94b654d777",
    "TIV-Export-CUB-1950-2021.csv": "fe90decc79c8133dd45ff972ac4bc7d46c0df55fee0266f1a9686983b36b4e86",
    "TIV-Export-CYP-1950-2021.csv": "de9a0526615902429098da907de5f35d82e91aff83294741a237b1792113f8f5",
    "TIV-Export-CZE-1950-2021.csv": "7415a98cc47d51836e407134e918fc940f792a0488af441ed0c2829aec0da1ae",
    "TIV-Export-CZR-1950-2021.csv": "5ad042eecdd2834a934d4329e9b7a22c8fe6100225b8400582454cbd7ce9c992",
    "TIV-Export-DEN-1950-2021.csv": "b1ec696309da653a682c4c0642339625d541dfbc60cbfcaa5525ca7cc53e9657",
    "TIV-Export-DOM-1950-2021.csv": "0039d957bd290140f38c46f8cef5307a313a162c6eff90066397ff8f5a865a61",
    "TIV-Export-DRC-1950-2021.csv": "4267da601f3b08b06366e6cd02c19c99d6d8148a9b8cc3c07215a1fbad621bd5",
    "TIV-Export-ECU-1950-2021.csv": "babc847ded9878b7e1125fa0fb84babe68a5503dd15aa18aa7b0d8e1de5a4bb9",
    "TIV-Export-EGY-1950-2021.csv": "5bbd23d73a49c1d69bea0b807fd6aad15ffaeba0607a9ec3629c2c4926f882e3",
    "TIV-Export-ERI-1950-2021.csv": "800974b9b7035238f1edebe9ed6f7a302b9cac3cd58663ec670b22b9d54674e1",
    "TIV-Export-EST-1950-2021.csv": "17dbfbcbb2b04d527fe98f47b8e770b41457cc6c68105487f89a348fe3eb26b8",
    "TIV-Export-ETH-1950-2021.csv": "0c66332ab97ff718fc2da7335fa16449fbb50d3352841c82f1adb607a50c2d5e",
    "TIV-Export-EU-1950-2021.csv": "5a0f0688126703de3469cb64970ee3bd4a63e23017655f4c4696cfdcfd4d692c",
    "TIV-Export-FIN-1950-2021.csv": "c6b5692224e7a174469d943e88f4d3fd23ad13f3afb4bcc7d784b0084dbebf47",
    "TIV-Export-FJI-1950-2021.csv": "c9d608893bef20e681b66793b16135944c29067b1f348044552865c087c311b7",
    "TIV-Export-FRA-1950-2021.csv": "995c5588c4f732ddf53bbddfcc84d4eab3126b296040c4881231202afbb16147",
    "TIV-Export-FRG-1950-2021.csv": "361381b71ecd000e525fdea9af8a0290fe1407c324eb974106c0962e27be505c",
    "TIV-Export-GAB-1950-2021.csv": "55b510bbbd151451a8002c9199fbd46b344f5a13129755b7da70a7ecff909fb6",
    "TIV-Export-GDR-1950-2021.csv": "c9be1250faf1674a3b3e958727127939a6ce95c7e0a35a600c4eee0db166b104",
    "TIV-Export-GEO-1950-2021.csv": "4071ed57e295758b9cb8ab851824991dc9ba889cb746316facd544270890ba4d",
    "TIV-Export-GHA-1950-2021.csv": "bde39fb97151c37123348e2508b546910424e08da3d4b3d1d35528511836a45c",
    "TIV-Export-GRE-1950-2021.csv": "0c506882c4b00cd6973e420a20435cc2bb7f9c45b3c31c55f26305764dc1af02",
    "TIV-Export-GUA-1950-2021.csv": "4ce557c3370777f0019090c68468d783ae41d2d5110fecef9782c750b6e243ed",
    "TIV-Export-GUY-1950-2021.csv": "fd3edaabe53f20a2c8c0384faf32aaf99bf90a3df0757d248c531bc61283547a",
    "TIV-Export-HUN-1950-2021.csv": "0a9c313b4bd11b8d57b94179c65ad2e8acb022af4588a05a54368c6049070649",
    "TIV-Export-ICE-1950-2021.csv": "55a52da7d8f12b08b2a98a07e581e053d00ba1f30f8a3c5f3c51ac31f1b335b9",
    "TIV-Export-IND-1950-2021.csv": "8f07f5c4cc74ade02412e14ac9307f4fb2ce1dd2bf904584bc64d0def5335cbf",
    "TIV-Export-INS-1950-2021.csv": "990475fa2f6486c94756d14379df250b55f0cd5cfca60bd2611ddc3e98d71c5c",
    "TIV-Export-IRA-1950-2021.csv": "3acc2cc13d3a3bea0dd69f0c248be8ee39603eafa1e2f1862b05bcebfd435843",
    "TIV-Export-IRE-1950-2021.csv": "65122300b572dcaf95dc299f3e31422e6c72e7beed3783a8229dd4bebc4edb17",
    "TIV-Export-IRQ-1950-2021.csv": "341e5d5146f29f55a075e6606344422b402cbddf7aff3a5ee094b06618b380e6",
    "TIV-Export-ISR-1950-2021.csv": "74b838f4d6fe973721f034e3bf4cde47832a0b5aeed449a2a32f828699faf96e",
    "TIV-Export-ITA-1950-2021.csv": "1978ffe7616ebfb49ff8e59ec63c7a18e52f10d810e4d0d8d1d29570e20ac6a2",
    "TIV-Export-IVO-1950-2021.csv": "55a5ef65a494df1d17ed32d0b795d9da2aa9995df27dce61f4b1af01b6aeee58",
    "TIV-Export-JAP-1950-2021.csv": "485916c7db6a6d8b74fb614bf3c47c8d0af4a60f9ff078c9cc63259f5a80b2dc",
    "TIV-Export-JOR-1950-2021.csv": "467d75a639322718acfd912b32db6a395a20dbb5f0d961a21107ad5c6fe23e1d",
    "TIV-Export-KAZ-1950-2021.csv": "2aa86812daa26ccae65e2f70a503fa525562848c419c8a42160e70664ba4a9e0",
    "TIV-Export-KEN-1950-2021.csv": "609cb3cab3491e68c7150dd407e04cabc19540237b26bdc02263e330482c3a0c",
    "TIV-Export-KON-1950-2021.csv": "8ceb8dbffb4864c517ae247434e1ae3373d8dfc9cce5c70eab6780b9d1b65045",
    "TIV-Export-KOS-1950-2021.csv": "575e565c8a8ef04d4122cbcb16dc2065b9cb2cf8f470b7546683be31110f5c5e",
    "TIV-Export-KUW-1950-2021.csv": "3f96c4f073acaf0eccabafbfc09f3a012d8978346f15fffdafe5fc008abc886e",
    "TIV-Export-KYR-1950-2021.csv": "814c5349c10c66a6ed2d8b9ec83eacc5bbd1ce799901f5fe3a83032d55ab3d71",
    "TIV-Export-LAT-1950-2021.csv": "0fdf5a30d0d0a139821e77d9b1a7615da8e7438b3af61be0ee0fb22a16674a3c",
    "TIV-Export-LEB-1950-2021.csv": "e14a2d2b9735fb8adc7cec42d5dc6f00503d6a935364091694d4682ed0623f53",
    "TIV-Export-LIT-1950-2021.csv": "b390fd8d3e0b6fc51ad6fba2ee3ef988bc33d49494cd5cdd50e4b7023d3f5127",
    "TIV-Export-LUX-1950-2021.csv": "a4ffb71ceb8ba6812cad379a9c8348cab1e90e21567b8d1877283660c7aa5e1d",
    "TIV-Export-LYA-1950-2021.csv": "c08418ec021891c945a3637d40e6c6043b91689661a08b365f783872319f6bbe",
    "TIV-Export-LYE-1950-2021.csv": "41284c7f5d662654ef69130d0d37497b32c1b6f2fd225f612b7af73ef08f9d1f",
    "TIV-Export-MAL-1950-2021.csv": "bdd0f2dd67fce3f6c521ad5e10ebc2c2ebe5fa318767a6653e1e0f88142b09a4",
    "TIV-Export-MEX-1950-2021.csv": "c88842e583b5a089c34becba99d2cd24bd0e1d5b7dd48f0c8c39db5169eb9b51",
    "TIV-Export-MOL-1950-2021.csv": "d5491ecb2a5686c1824b32261b30c51fd74fbc9b3bb6261c191c7b9cf4253b6d",
    "TIV-Export-MOR-1950-2021.csv": "e8990637c4ff4d955fafc2503a5c7c7b0349c0115edd677f1a973532df40b3b6",
    "TIV-Export-MOZ-1950-2021.csv": "95167af60a8d598b9608706883345e62806be57b14ebc4388125479eccb31e2b",
    "TIV-Export-MTA-1950-2021.csv": "b8903f633db431c601d4f13334aca2355b099b6964fbbdce36a94c615d4eb0ac",
    "TIV-Export-MTG-1950-2021.csv": "0957c15dd5386f940d39c4bf9c4713ed1956445618f4f5dfa485f370329dd9f3",
    "TIV-Export-MWI-1950-2021.csv": "712a1d5ae8b69e5b61179f2813d5da400f88e9abaeb4d4cdce6f495d3ed61a41",
    "TIV-Export-NET-1950-2021.csv": "17094913a7f2bd46f2084a190dcea6c46a2753ddc817ca6cd794f42a5687f12e",
    "TIV-Export-NIC-1950-2021.csv": "dba123a030187f514c156313842c84bafea4f700e9a2305ea995966d16d3c1b7",
    "TIV-Export-NIG-1950-2021.csv": "056e5c87370e0e06635ece1bb483b056214061c5ec1ee1b075c5223fea309f50",
    "TIV-Export-NIR-1950-2021.csv": "8bc6dc3615602d8df6c9605edeba711bf02b23498adfa41ca70ac2ad13651561",
    "TIV-Export-NOR-1950-2021.csv": "52267324aceeb76c0beca14d888ffaf35624947a20925ad2df4e24c21155fa7d",
    "TIV-Export-NZ-1950-2021.csv": "c75e18011b499a77b0e0721aa4a1505584b6b0f46196d2903c7b172395ed9ab2",
    "TIV-Export-OMA-1950-2021.csv": "d9888d9ba992026539f224c09ae0f5b01694f47755addd3fcd2904a4393519f8",
    "TIV-Export-PAK-1950-2021.csv": "726469c99c5df0b20ff824c6bc997543994d981e1b629fd3686d4782c8355d69",
    "TIV-Export-PAN-1950-2021.csv": "ac311624ebfe96e84558059d63ed16355b81c1ff08156b2f91742c65dba53f3a",
    "TIV-Export-PER-1950-2021.csv": "f30e1222330e27de1c44133c66c368f9b2c0211c508aae212bad9e888f28742e",
    "TIV-Export-PHI-1950-2021.csv": "6dbcb68cb2e86ce02e02afdfa29e59c01374640807ffd73c4ae89bc8be0327ec",
    "TIV-Export-POL-1950-2021.csv": "c4d313313333f146697bbde33679524434494dbaf0e2958eabc9e53c6efbef4f",
    "TIV-Export-POR-1950-2021.csv": "2c823d6b22ae66784dc10157238aa514819d16b695e7e9481fbcd746f0c997a7",
    "TIV-Export-QAT-1950-2021.csv": "70b1e963a9b3171b6f6b7a96a16ed0207c7f6ef60f5efe374d45a305d7ce136a",
    "TIV-Export-ROM-1950-2021.csv": "2462afd275ed4d9f61529680f38b471ea393ecb5b496f0568a4a6b16fa911277",
    "TIV-Export-RUS-1950-2021.csv": "4466688b51cd5073883ef0e049ff86b2f19ff23c646273e8eb63dc4e4199006e",
    "TIV-Export-SA-1950-2021.csv": "9df80f6579e1fd9445c74cba62c39ae2c86e63b5a1c3dd8681bf08a4fe293ad6",
    "TIV-Export-SAU-1950-2021.csv": "8fe83f1aa029f25c4be692f5b0af1c9d06622b58bce423dba6f1937da34336e3",
    "TIV-Export-SEN-1950-2021.csv": "60a5608e6b940575a85f854c7ea3572f9b3d1149879428d4b442912fce54bcb0",
    "TIV-Export-SER-1950-2021.csv": "893241229f66dca26b03aa06e83763be1484ce8e28294b062601bc8e6ae07500",
    "TIV-Export-SEY-1950-2021.csv": "37f37cde3eba629364f35a9127cf8566edda32d87fa70fa6a75b2a0003e41fe2",
    "TIV-Export-SIN-1950-2021.csv": "7365c64bb9ee86170f598baf4f25ea2f756eeca7bee72bd104b841ef92014076",
    "TIV-Export-SLK-1950-2021.csv": "500b0d94144bbd1b55fbc821ff53c3d13b2f935dfefc3447708c9e63dd3c0a06",
    "TIV-Export-SLO-1950-2021.csv": "dc0c178d2a9fa33d777bd9dcffb155588b018647e1587081e4ed0b38e281b066",
    "TIV-Export-SPA-1950-2021.csv": "3c860a5f71c606043d1e16d3814d91fc408f2a78d643bcc3d06f4be47ce4bd37",
    "TIV-Export-SRI-1950-2021.csv": "e7baf97a0d4cdc19c296acd69916d75224cae258c59ee550e2712e99a56a30ef",
    "TIV-Export-SUD-1950-2021.csv": "9311c24dc06896041d3574e329fc44bc219253d61e9b4713fc147473b2b1f8ee",
    "TIV-Export-SWE-1950-2021.csv": "267115a5cbb8612e12bd91b355268b8f635120451d949d0911de61123687e64d",
    "TIV-Export-SWI-1950-2021.csv": "37d0a809f274b3e4ba97b5cd1935908b1a15e0c130f1bc09be5ce6aac15f0226",
    "TIV-Export-SYR-1950-2021.csv": "378ec39601ddc804b7b2c632f1922896ff8c5cd10f39fc377097aaa8a77f817a",
    "TIV-Export-TAI-1950-2021.csv": "a2215c0baa86fe5dc89132cbb7af3718ce5882c5f6603dea44efa118981945e5",
    "TIV-Export-THA-1950-2021.csv": "8a0c6d4162d8fedf49278752688c5d0673f28cb027cd314fcbf0710cf2e3a792",
    "TIV-Export-TUR-1950-2021.csv": "2c39a4faa08e050fc9d730b3e1092819891aa2592414116102b9c298c10c5c18",
    "TIV-Export-UAE-1950-2021.csv": "9be35ccbdf1dcc077d73df3ca564abfa2dad8ad400b3f38046f661e9baad56de",
    "TIV-Export-UGA-1950-2021.csv": "05bdd10840a8f9d4884447fd3868d8e208108c1027582d7bc78e777a6286c471",
    "TIV-Export-UK-1950-2021.csv": "2550d810ed73869eadcedab3803eb8457f715539f9dff5ddaa18591d707a42d0",
    "TIV-Export-UKR-1950-2021.csv": "f70bf47509b721d1131f021216a927d218e44c56df5da87153b3096912746326",
    "TIV-Export-UNO-1950-2021.csv": "ae55bbe7df59a4f81b1419fae2919aaa355e750d369f67ca8bd7fb20d2055e19",
    "TIV-Export-URU-1950-2021.csv": "447db9d21bcd333529a25d2d3318d3d68f63d396649012d32e63d0af0f6068f8",
    "TIV-Export-USA-1950-2021.csv": "a191c4672b39a05b32556910cc7163e6b34c826f8ef3782b9b14561e2920d495",
    "TIV-Export-USR-1950-2021.csv": "23b364e155eb29e2ccd9c27da13f786eca6379ac2333313d0cf1f26da5831d7b",
    "TIV-Export-UZB-1950-2021.csv": "1cc31b81616d1eaba0a0575ccd75db31e35a4eeb356352eed1b5dc32a24a71d3",
    "TIV-Export-VEN-1950-2021.csv": "4c8f1066ee0f11ceade000e1ccd40e602eaea5bfce8aa5a8fc2d842a368a676c",
    "TIV-Export-VN-1950-2021.csv": "51e67c8e70bfdb1965fcde3a1e95a0c0e1c39906b840760aaab6ea1d47111ed1",
    "TIV-Export-VNS-1950-2021.csv": "7360b0606167202e9f9b7d0bd2dde627bd01eaeb49c927892c70d6cb986eabec",
    "TIV-Export-XAM-1950-2021.csv": "d548df88bc3b66531c988a37d162aca9d0a5cdf5d7e34b92314badf1917cf0cd",
    "TIV-Export-XSF-1950-2021.csv": "5d1fba8113b92b83a8c674be3ea579da150244f592f29c5b6b1d3513f4e6cc78",
    "TIV-Export-XXS-1950-2021.csv": "fb0c99ba6da0e89e5c512143dd243402d2a27ec5d372a6ac31bc28f815747713",
    "TIV-Export-YEN-1950-2021.csv": "966eef27eb7ec809ddba2dcf8a4e1c7a84bf1aa6cf0c9c12ea63e56e7618aca1",
    "TIV-Export-YES-1950-2021.csv": "7cea675a6692aca591a16555cbd4e3a4c2ff0531f5685971e6f814705db36edf",
    "TIV-Export-YUG-1950-2021.csv": "3be6a971147c780e6856e165e0d3eaae176855f2ffe4ce28c8dd8801f92e69d6",
    "TIV-Export-ZAM-1950-2021.csv": "d94a189770e9ce6b2136460a86e25f4dd8adefbc68d2fc7f889b2017f40fb96c",
    "TIV-Export-ZIM-1950-2021.csv": "e7d003d4f5802e6efa0eff33109b1fc69ad05f23edc25d6db38442ddf755046e",
}

TIV_TABLES_ORIGIN = Origin(
    id="sipri-tiv-tables-2022",
    producer="Stockholm International Peace Research Institute (SIPRI)",
    title=(
        "SIPRI Arms Transfers Database: tables of arms exports by supplier, "
        "1950–2021 (March 2022 release)"
    ),
    citation=(
        "SIPRI Arms Transfers Database, 'TIV of arms exports from <supplier>, "
        "1950-2021' tables, March 2022 release, generated 28 July 2022. Stockholm "
        f"International Peace Research Institute, {SIPRI_URL}."
    ),
    url=SIPRI_URL,
    release="March 2022 (deliveries to 2021)",
    published="2022-07-28",
    accessed=ACCESSED,
    license=LICENSE_TEXT,
    obtained_from=(
        "https://github.com/360-info/report-arms-trade, folder data/trademap-raw/, "
        "commit b850d1eb74f457724c0e0c4291175adbf824dbbf"
    ),
    files={f"{TIV_TABLES_DIR}/{name}": sha for name, sha in TIV_TABLE_SHA256.items()},
)

DELIVERY_REGISTER_ORIGIN = Origin(
    id="sipri-register-delivery-2025",
    producer="Stockholm International Peace Research Institute (SIPRI)",
    title=(
        "SIPRI Arms Transfers Database: trade register by delivery year, deliveries "
        "1995–2024 (March 2025 release)"
    ),
    citation=(
        "SIPRI Arms Transfers Database, trade register of transfers of major "
        "conventional arms with deliveries 1995–2025, one row per deal and delivery "
        "year, March 2025 release, generated 12 February 2026. Stockholm "
        f"International Peace Research Institute, {SIPRI_URL}."
    ),
    url=SIPRI_URL,
    release="March 2025 (deliveries to 2024)",
    published="2026-02-12",
    accessed=ACCESSED,
    license=LICENSE_TEXT,
    obtained_from=(
        "https://github.com/nagehanrdogan/Global-Arms-Trade-Network-Analysis-1995-2024-, "
        "file trade_register.csv, commit 3bcd6c41730f26878edc344425896f57c83dcb29"
    ),
    files={
        DELIVERY_REGISTER: "de974d8302efdeaad98d0b5a7d0ef020a3e5d1929b6406423cfe2ee2bad51868"
    },
)

DEAL_REGISTER_ORIGIN = Origin(
    id="sipri-register-deals-2025",
    producer="Stockholm International Peace Research Institute (SIPRI)",
    title=(
        "SIPRI Arms Transfers Database: trade register of deals, all years "
        "(March 2025 release)"
    ),
    citation=(
        "SIPRI Arms Transfers Database, trade register of transfers of major "
        "conventional arms, all years, one row per deal, March 2025 release, "
        "generated 13 March 2025. Stockholm International Peace Research Institute, "
        f"{SIPRI_URL}."
    ),
    url=SIPRI_URL,
    release="March 2025 (orders and deliveries to 2024)",
    published="2025-03-13",
    accessed=ACCESSED,
    license=LICENSE_TEXT,
    obtained_from=(
        "https://github.com/ColasDroin/SIPRI_arms_transfers_analysis, file "
        "trade-register.csv, commit 3439ef7d225f26de4a273cb08b051e51c8081eb9"
    ),
    files={
        DEAL_REGISTER: "915257da0889e15d59936dbdf756529c34ee33c3a0c2ae73183d9cd8fd4b9c92"
    },
)

#: Used only to cross-check Iran's yearly imports in the tests; not a package input.
IMPORT_TOTALS_ORIGIN = Origin(
    id="sipri-import-totals-2024",
    producer="Stockholm International Peace Research Institute (SIPRI)",
    title="SIPRI Arms Transfers Database: volume of imports by recipient, 1950–2024",
    citation=(
        "SIPRI Arms Transfers Database, 'Volume of transfers of major arms' by "
        "recipient, March 2024 release, generated 13 October 2024. Stockholm "
        f"International Peace Research Institute, {SIPRI_URL}."
    ),
    url=SIPRI_URL,
    release="March 2024 (deliveries to 2023)",
    published="2024-10-13",
    accessed=ACCESSED,
    license=LICENSE_TEXT,
    obtained_from=(
        "https://github.com/MJHofmann/SIPRI_BRICS, file "
        "import-export-values_1950-2024.csv, commit 476134311a192f43e0a856357c97c8f35274eb30"
    ),
    files={
        IMPORT_TOTALS: "77f25767db512c49e9132bb2a2f2dbd34f8455afd22bf62d50670a0a872f248d"
    },
)

#: The raw layouts the package is built from.
ORIGINS: list[Origin] = [TIV_TABLES_ORIGIN, DELIVERY_REGISTER_ORIGIN, DEAL_REGISTER_ORIGIN]

#: The release (March of this year) each origin belongs to.
RELEASE_OF: dict[str, int] = {
    TIV_TABLES_ORIGIN.id: 2022,
    DELIVERY_REGISTER_ORIGIN.id: 2025,
    DEAL_REGISTER_ORIGIN.id: 2025,
}

#: Years taken from the 2022 tables; later years come from the 2025 register.
LAST_TABLE_YEAR = 1994
FIRST_REGISTER_YEAR = 1995
LAST_REGISTER_YEAR = 2024

SOVIET_UNION, RUSSIA, IRAN = "SUN", "RUS", "IRN"

# ---------------------------------------------------------------------------
# Low-level reading: bytes -> text -> rows with their line numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RawRow:
    """One CSV record and the 1-based line of the raw file it starts on."""

    line: int
    cells: list[str]


def line_of_offset(data: bytes, offset: int) -> int:
    """Return the 1-based line holding byte ``offset`` of ``data``.

    Examples
    --------
    >>> line_of_offset(b"a\\nb\\nc", 4)
    3
    """
    return data.count(b"\n", 0, offset) + 1


def read_bytes(path: Path) -> bytes:
    """Return the bytes of ``path``, raising IngestError when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read the raw file ({error.strerror})", path=path) from None


def decode_ascii(path: Path) -> str:
    """Return the text of an ASCII file, naming the line of the first other byte."""
    data = read_bytes(path)
    try:
        return data.decode("ascii")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"byte 0x{data[error.start]:02x} is not ASCII; the file's encoding changed "
            "(expected plain ASCII)",
            path=path,
            line=line_of_offset(data, error.start),
        ) from None


def decode_latin1(path: Path) -> str:
    """Return the text of a Latin-1 file, refusing UTF-8 and UTF-16 look-alikes.

    Any byte decodes as Latin-1, so the check is indirect: a NUL byte or a byte
    order mark means UTF-16 (or binary), and non-ASCII bytes that form valid
    UTF-8 mean the file was re-saved as UTF-8.
    """
    data = read_bytes(path)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        offset = max(data.find(b"\x00"), 0)
        raise IngestError(
            "the file looks like UTF-16 or binary (byte order mark or NUL byte); "
            "expected Latin-1 text",
            path=path,
            line=line_of_offset(data, offset),
        )
    first_non_ascii = next((i for i, byte in enumerate(data) if byte > 0x7F), None)
    if first_non_ascii is not None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
        raise IngestError(
            "non-ASCII characters are encoded as UTF-8; expected Latin-1 (ISO-8859-1)",
            path=path,
            line=line_of_offset(data, first_non_ascii),
        )
    return data.decode("latin-1")


def csv_records(text: str) -> list[RawRow]:
    """Split CSV text into records, each with the line it starts on.

    Both LF and CRLF line ends are accepted.

    Examples
    --------
    >>> [(r.line, r.cells) for r in csv_records('a,b\\r\\n"x\\ny",z\\r\\nc,d')]
    [(1, ['a', 'b']), (2, ['x\\ny', 'z']), (4, ['c', 'd'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[RawRow] = []
    last_line = 0
    for cells in reader:
        records.append(RawRow(last_line + 1, cells))
        last_line = reader.line_num
    return records


def is_blank(cells: Sequence[str]) -> bool:
    """Return True for a record whose cells are all empty (a separator line).

    Examples
    --------
    >>> is_blank([""] * 75), is_blank(["", "1"]), is_blank([])
    (True, False, True)
    """
    return all(not cell.strip() for cell in cells)


def check_header(
    found: Sequence[str], expected: Sequence[str], *, path: Path, line: int
) -> None:
    """Require the header ``found`` to be exactly ``expected``.

    Raises
    ------
    IngestError
        Naming the first missing, unexpected or misplaced column.
    """
    missing = [name for name in expected if name not in found]
    if missing:
        extra = [name for name in found if name not in expected]
        hint = f" (found instead: {extra[0]!r})" if extra else ""
        raise IngestError(
            f"column {missing[0]!r} is missing from the header{hint}",
            path=path,
            line=line,
            field=missing[0],
        )
    if len(found) > len(expected):
        extra_name = next(
            (name for name in found if name not in expected), found[len(expected)]
        )
        raise IngestError(
            f"unexpected extra column {extra_name!r} in the header "
            f"({len(found)} columns, expected {len(expected)})",
            path=path,
            line=line,
            field=extra_name,
        )
    for position, (seen, wanted) in enumerate(zip(found, expected, strict=True), 1):
        if seen != wanted:
            raise IngestError(
                f"column {position} is {seen!r} where {wanted!r} was expected",
                path=path,
                line=line,
                field=wanted,
            )


def require_width(row: RawRow, width: int, *, path: Path) -> None:
    """Require ``row`` to have ``width`` cells."""
    if len(row.cells) != width:
        raise IngestError(
            f"expected {width} fields, found {len(row.cells)}", path=path, line=row.line
        )


_NUMBER = re.compile(r"\d+(\.\d+)?")
_WHOLE = re.compile(r"\d+")


def parse_number(
    text: str, *, path: Path, line: int, field: str, whole: bool = False
) -> float | None:
    """Parse a non-negative number; ``""`` gives None.

    ``whole`` requires an integer. Surrounding spaces are ignored.

    Examples
    --------
    >>> parse_number("12.5", path=Path("f.csv"), line=3, field="tiv")
    12.5
    >>> parse_number("", path=Path("f.csv"), line=3, field="tiv") is None
    True
    >>> parse_number("-1", path=Path("f.csv"), line=3, field="tiv")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: f.csv, line 3, field 'tiv': negative value '-1'
    """
    value = text.strip()
    if value == "":
        return None
    pattern = _WHOLE if whole else _NUMBER
    if pattern.fullmatch(value):
        return float(value)
    kind = "a whole number" if whole else "a number"
    if re.fullmatch(r"-\s*\d+(\.\d+)?", value):
        raise IngestError(
            f"negative value {text!r}; expected {kind} >= 0", path=path, line=line, field=field
        )
    raise IngestError(f"not {kind}: {text!r}", path=path, line=line, field=field)


def parse_year(text: str, *, path: Path, line: int, field: str) -> int:
    """Parse a required four-digit year.

    Examples
    --------
    >>> parse_year("2016", path=Path("f.csv"), line=2, field="year")
    2016
    """
    value = text.strip()
    if not re.fullmatch(r"\d{4}", value):
        raise IngestError(f"not a year: {text!r}", path=path, line=line, field=field)
    return int(value)


def code_for(name: str, *, path: Path | str, line: int, field: str) -> str | None:
    """Return the ISO code of a SIPRI name, raising IngestError for an unknown one."""
    try:
        return iso3_for(name)
    except UnknownCountryName as error:
        raise IngestError(str(error), path=path, line=line, field=field) from None


def require_name(text: str, *, path: Path, line: int, field: str) -> str:
    """Return a required, non-empty name cell stripped of spaces."""
    value = text.strip()
    if not value:
        raise IngestError("empty name", path=path, line=line, field=field)
    return value


# ---------------------------------------------------------------------------
# Layout 1: TIV tables by supplier (March 2022 release)
# ---------------------------------------------------------------------------

TABLE_YEARS: tuple[int, ...] = tuple(range(1950, 2022))
TABLE_HEADER: tuple[str, ...] = ("", *map(str, TABLE_YEARS), "Total")
TABLE_HEADER_LINE = 11
_TABLE_TITLE = re.compile(r"TIV of arms exports from (?P<supplier>.+), 1950-2021")


def table_supplier(records: Sequence[RawRow], path: Path) -> str:
    """Return the supplier named in a TIV table's title line."""
    title = records[0].cells[0] if records and records[0].cells else ""
    match = _TABLE_TITLE.fullmatch(title.strip())
    if match is None:
        raise IngestError(
            f"title {title!r} is not 'TIV of arms exports from <supplier>, 1950-2021'",
            path=path,
            line=1,
            field="title",
        )
    return match["supplier"]


def read_tiv_table(path: Path) -> pd.DataFrame:
    """Read one SIPRI 'TIV of arms exports from <supplier>' table into long rows.

    The layout: 10 note lines, the header on line 11 (an empty cell, the years
    1950–2021, ``Total``), one line per recipient, blank separator lines of
    commas, and a ``Total`` line. Empty cells (no deliveries) give no row; ``0``
    (less than 0.5m TIV) is kept. The ``Total`` line and column are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``supplier``, ``recipient``, ``year``, ``tiv``, ``line``.
    """
    records = csv_records(decode_ascii(path))
    supplier = table_supplier(records, path)
    header = next((r for r in records if r.line == TABLE_HEADER_LINE), None)
    if header is None:
        raise IngestError("the file ends before the header line", path=path, line=TABLE_HEADER_LINE)
    check_header(header.cells, TABLE_HEADER, path=path, line=header.line)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in records:
        if record.line <= TABLE_HEADER_LINE or is_blank(record.cells):
            continue
        require_width(record, len(TABLE_HEADER), path=path)
        recipient = require_name(record.cells[0], path=path, line=record.line, field="recipient")
        if recipient in seen:
            raise IngestError(f"recipient {recipient!r} appears twice", path=path, line=record.line, field="recipient")
        seen.add(recipient)
        values = [
            parse_number(cell, path=path, line=record.line, field=name, whole=True)
            for cell, name in zip(record.cells[1:], TABLE_HEADER[1:], strict=True)
        ]
        if recipient == "Total":
            continue
        for year, value in zip(TABLE_YEARS, values, strict=False):
            if value is not None:
                rows.append(
                    {"supplier": supplier, "recipient": recipient, "year": year,
                     "tiv": value, "line": record.line}
                )
    return pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv", "line"])


# ---------------------------------------------------------------------------
# Layout 2: register by delivery year (March 2025 release)
# ---------------------------------------------------------------------------

DELIVERY_HEADER: tuple[str, ...] = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate",
    "Status", "SIPRI estimate", "TIV deal unit", "TIV delivery values",
    "Local production",
)
REGISTER_HEADER_LINE = 12


def strip_trailing_semicolon(row: RawRow, *, path: Path, field: str) -> RawRow:
    """Remove the ``;`` SIPRI's newer export writes at the end of every line."""
    if not row.cells or not row.cells[-1].endswith(";"):
        raise IngestError("line does not end with ';' as this layout does", path=path, line=row.line, field=field)
    return RawRow(row.line, [*row.cells[:-1], row.cells[-1][:-1]])


def register_header(records: Sequence[RawRow], path: Path) -> RawRow:
    """Return the header record of a register export (line 12)."""
    header = next((r for r in records if r.line == REGISTER_HEADER_LINE), None)
    if header is None:
        raise IngestError("the file ends before the header line", path=path, line=REGISTER_HEADER_LINE)
    return header


def read_delivery_register(path: Path) -> pd.DataFrame:
    """Read SIPRI's per-delivery-year register (one row per deal and delivery year).

    The layout: 11 note lines, header on line 12, CRLF line ends and a ``;`` at
    the end of every line.

    Returns
    -------
    pandas.DataFrame
        Columns ``supplier``, ``recipient``, ``year``, ``tiv``, ``line``: the
        delivery year and its ``TIV delivery values``.
    """
    records = csv_records(decode_ascii(path))
    header = strip_trailing_semicolon(register_header(records, path), path=path, field=DELIVERY_HEADER[-1])
    check_header(header.cells, DELIVERY_HEADER, path=path, line=header.line)
    index = {name: i for i, name in enumerate(DELIVERY_HEADER)}
    rows: list[dict[str, Any]] = []
    for raw in records:
        if raw.line <= REGISTER_HEADER_LINE or is_blank(raw.cells):
            continue
        record = strip_trailing_semicolon(raw, path=path, field=DELIVERY_HEADER[-1])
        require_width(record, len(DELIVERY_HEADER), path=path)
        cell = {name: record.cells[i] for name, i in index.items()}
        where = {"path": path, "line": record.line}
        tiv = parse_number(cell["TIV delivery values"], field="TIV delivery values", **where)
        if tiv is None:
            raise IngestError("empty delivery value", field="TIV delivery values", **where)
        rows.append(
            {
                "supplier": require_name(cell["Supplier"], field="Supplier", **where),
                "recipient": require_name(cell["Recipient"], field="Recipient", **where),
                "year": parse_year(cell["Delivery year"], field="Delivery year", **where),
                "tiv": tiv,
                "line": record.line,
            }
        )
    return pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv", "line"])


# ---------------------------------------------------------------------------
# Layout 3: deal register, all years (March 2025 release)
# ---------------------------------------------------------------------------

#: Our key for each column of the deal register, with SIPRI's header text. The
#: three flag columns have a blank header; they hold ``?`` for uncertain values.
DEAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("recipient", "Recipient"),
    ("supplier", "Supplier"),
    ("order_year", "Year of order"),
    ("order_year_flag", " "),
    ("number_ordered", "Number ordered"),
    ("number_ordered_flag", " "),
    ("designation", "Weapon designation"),
    ("description", "Weapon description"),
    ("number_delivered", "Number delivered"),
    ("number_delivered_flag", " "),
    ("delivery_years", "Year(s) of delivery"),
    ("status", "status"),
    ("comments", "Comments"),
    ("tiv_per_unit", "SIPRI TIV per unit"),
    ("tiv_order", "SIPRI TIV for total order"),
    ("tiv_delivered", "SIPRI TIV of delivered weapons"),
)
DEAL_HEADER: tuple[str, ...] = tuple(header for _, header in DEAL_COLUMNS)
DEAL_STATUSES: tuple[str, ...] = ("New", "Second hand", "Second hand but modernized")

#: The name an error gives each deal-register column (flags named after their value).
DEAL_FIELD_NAMES: dict[str, str] = {
    "order_year_flag": "flag after 'Year of order'",
    "number_ordered_flag": "flag after 'Number ordered'",
    "number_delivered_flag": "flag after 'Number delivered'",
    **{key: header for key, header in DEAL_COLUMNS if header.strip()},
}


def check_deal_header(header: RawRow, path: Path) -> None:
    """Require the deal register's header, whose three flag columns are blank."""
    found = [cell if cell.strip() else " " for cell in header.cells]
    check_header(found, DEAL_HEADER, path=path, line=header.line)


def join_split_records(records: Sequence[RawRow], width: int) -> list[RawRow]:
    """Re-join deal rows that SIPRI's export broke across two lines.

    An unquoted line break at the end of a comment splits a row in two: the
    first part ends in the comment, the second starts with the rest of it. Two
    consecutive short records whose widths add up to ``width + 1`` are joined,
    the comment's two halves with a space.

    Examples
    --------
    >>> rows = [RawRow(5, ["a", "b", "note"]), RawRow(6, ["", "1", "2"]), RawRow(7, list("vwxyz"))]
    >>> [(r.line, r.cells) for r in join_split_records(rows, 5)]
    [(5, ['a', 'b', 'note', '1', '2']), (7, ['v', 'w', 'x', 'y', 'z'])]
    """
    joined: list[RawRow] = []
    position = 0
    while position < len(records):
        record = records[position]
        following = records[position + 1] if position + 1 < len(records) else None
        if (
            len(record.cells) < width
            and following is not None
            and len(record.cells) + len(following.cells) == width + 1
        ):
            middle = " ".join(p for p in (record.cells[-1].strip(), following.cells[0].strip()) if p)
            joined.append(RawRow(record.line, [*record.cells[:-1], middle, *following.cells[1:]]))
            position += 2
        else:
            joined.append(record)
            position += 1
    return joined


def parse_flag(text: str, *, path: Path, line: int, field: str) -> bool:
    """Return True for SIPRI's ``?`` uncertainty flag, False for an empty cell."""
    value = text.strip()
    if value not in ("", "?"):
        raise IngestError(f"flag must be '?' or empty, found {text!r}", path=path, line=line, field=field)
    return value == "?"


def parse_delivery_years(text: str, *, path: Path, line: int, field: str) -> list[int]:
    """Parse SIPRI's ``; ``-separated delivery years (empty: none yet).

    Examples
    --------
    >>> parse_delivery_years("2022; 2023; 2024", path=Path("f"), line=1, field="y")
    [2022, 2023, 2024]
    """
    if not text.strip():
        return []
    return [parse_year(part, path=path, line=line, field=field) for part in text.split(";")]


def parse_deal(record: RawRow, path: Path) -> dict[str, Any]:
    """Turn one deal-register record into typed values (see :func:`read_deal_register`)."""
    cell = {key: record.cells[i] for i, (key, _) in enumerate(DEAL_COLUMNS)}

    def where(key: str) -> dict[str, Any]:
        return {"path": path, "line": record.line, "field": DEAL_FIELD_NAMES[key]}

    def number(key: str, whole: bool = False) -> float | None:
        return parse_number(cell[key], whole=whole, **where(key))

    years = parse_delivery_years(cell["delivery_years"], **where("delivery_years"))
    status = cell["status"].strip()
    if status not in DEAL_STATUSES:
        raise IngestError(f"unknown status {status!r}", **where("status"))
    number_ordered = number("number_ordered", whole=True)
    tiv_order = number("tiv_order")
    tiv_delivered = number("tiv_delivered")
    if not years and tiv_delivered:
        raise IngestError("TIV delivered but no delivery year given", **where("tiv_delivered"))
    return {
        "line": record.line,
        "supplier": require_name(cell["supplier"], **where("supplier")),
        "recipient": require_name(cell["recipient"], **where("recipient")),
        "order_year": parse_year(cell["order_year"], **where("order_year")),
        "order_year_estimated": parse_flag(cell["order_year_flag"], **where("order_year_flag")),
        "number_ordered": number_ordered,
        "number_ordered_estimated": parse_flag(cell["number_ordered_flag"], **where("number_ordered_flag")),
        "designation": cell["designation"].strip(),
        "description": cell["description"].strip(),
        "number_delivered": number("number_delivered", whole=True),
        "number_delivered_estimated": parse_flag(cell["number_delivered_flag"], **where("number_delivered_flag")),
        "delivery_years": "; ".join(str(y) for y in years) or None,
        "first_delivery_year": min(years) if years else None,
        "last_delivery_year": max(years) if years else None,
        "status": status,
        "tiv_per_unit": number("tiv_per_unit"),
        # SIPRI's export writes 0 where the order total is unknown (no number
        # ordered) and where nothing has been delivered; its own notes say these
        # fields are empty then, so they are left empty here.
        "tiv_order": None if number_ordered is None and not tiv_order else tiv_order,
        "tiv_delivered": tiv_delivered if years else None,
        "comments": cell["comments"].strip() or None,
    }


def read_deal_register(path: Path) -> pd.DataFrame:
    """Read SIPRI's deal-level trade register (Latin-1, header on line 12).

    Rows broken across two lines by the export are re-joined first.

    Returns
    -------
    pandas.DataFrame
        One row per deal: ``line`` and the typed values of :func:`parse_deal`.
    """
    records = csv_records(decode_latin1(path))
    header = register_header(records, path)
    check_deal_header(header, path)
    body = [r for r in records if r.line > REGISTER_HEADER_LINE and not is_blank(r.cells)]
    deals = []
    for record in join_split_records(body, len(DEAL_HEADER)):
        require_width(record, len(DEAL_HEADER), path=path)
        deals.append(parse_deal(record, path))
    return pd.DataFrame(deals)


# ---------------------------------------------------------------------------
# Layout 4: yearly import totals by recipient (cross-checks only)
# ---------------------------------------------------------------------------

TOTALS_HEADER_LINE = 10
TOTALS_YEARS: tuple[int, ...] = tuple(range(1950, 2025))


def read_import_totals(path: Path, recipient: str) -> pd.Series:
    """Return SIPRI's yearly import totals of one recipient, indexed by year.

    Empty cells (no deliveries, and the empty 2024 column) are left out.
    """
    records = csv_records(decode_ascii(path))
    header = next((r for r in records if r.line == TOTALS_HEADER_LINE), None)
    if header is None or header.cells[: 1 + len(TOTALS_YEARS)] != ["Recipient", *map(str, TOTALS_YEARS)]:
        raise IngestError("unexpected header of the import totals", path=path, line=TOTALS_HEADER_LINE)
    for record in records:
        if record.line > TOTALS_HEADER_LINE and record.cells and record.cells[0] == recipient:
            values = {
                year: parse_number(cell, path=path, line=record.line, field=str(year))
                for year, cell in zip(TOTALS_YEARS, record.cells[1:], strict=False)
            }
            return pd.Series({y: v for y, v in values.items() if v is not None}, dtype="Float64")
    raise IngestError(f"no row for recipient {recipient!r}", path=path)


# ---------------------------------------------------------------------------
# Building the resources
# ---------------------------------------------------------------------------


def add_codes(rows: pd.DataFrame, path: Path | str) -> pd.DataFrame:
    """Add ``supplier_code``, ``recipient_code`` and ``supplier_series`` to long rows.

    Every name is checked, so an unknown spelling stops the ingest at its line.
    """
    out = rows.copy()
    for side in ("supplier", "recipient"):
        out[f"{side}_code"] = [
            code_for(name, path=path, line=int(line), field=side)
            for name, line in zip(out[side], out["line"], strict=True)
        ]
    out["supplier_series"] = [series_for(name) for name in out["supplier"]]
    return out


def concerns_study(rows: pd.DataFrame) -> pd.Series:
    """Select exports of the Soviet Union or Russia, and every transfer to or from Iran."""
    return (
        rows["supplier_code"].isin([SOVIET_UNION, RUSSIA])
        | (rows["recipient_code"] == IRAN)
        | (rows["supplier_code"] == IRAN)
    )


def table_rows(table_paths: Iterable[Path]) -> pd.DataFrame:
    """Return the study's rows of the 2022 tables for the years up to 1994."""
    frames = []
    for path in table_paths:
        rows = add_codes(read_tiv_table(path), path)
        frames.append(rows[concerns_study(rows) & (rows["year"] <= LAST_TABLE_YEAR)])
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return rows.assign(sipri_release=RELEASE_OF[TIV_TABLES_ORIGIN.id], source_id=TIV_TABLES_ORIGIN.id)


def register_rows(path: Path) -> pd.DataFrame:
    """Return the study's yearly sums of the 2025 delivery register, 1995–2024.

    Each supplier/recipient/year sums its ``TIV delivery values``; sums are
    rounded to 2 decimals (the register's own values have at most 2 or 3).
    """
    rows = add_codes(read_delivery_register(path), path)
    late = rows["year"] > LAST_REGISTER_YEAR
    if late.any():
        first = rows[late].iloc[0]
        raise IngestError(
            f"delivery year {first['year']} is after {LAST_REGISTER_YEAR}; a newer release "
            "needs new origin records",
            path=path, line=int(first["line"]), field="Delivery year",
        )
    rows = rows[concerns_study(rows) & (rows["year"] >= FIRST_REGISTER_YEAR)]
    keys = ["supplier", "recipient", "year", "supplier_code", "recipient_code", "supplier_series"]
    sums = rows.groupby(keys, sort=True, dropna=False)["tiv"].sum().round(2).reset_index()
    return sums.assign(
        sipri_release=RELEASE_OF[DELIVERY_REGISTER_ORIGIN.id], source_id=DELIVERY_REGISTER_ORIGIN.id
    )


TRANSFER_COLUMNS: dict[str, str] = {
    "supplier": "string",
    "supplier_code": "string",
    "supplier_series": "string",
    "recipient": "string",
    "recipient_code": "string",
    "year": "Int64",
    "tiv": "Float64",
    "sipri_release": "Int64",
    "source_id": "string",
}


def arms_transfers(table_paths: Iterable[Path], register_path: Path) -> pd.DataFrame:
    """Return the yearly transfers table: 2022 tables to 1994, 2025 register from 1995."""
    rows = pd.concat(
        [table_rows(table_paths), register_rows(register_path)], ignore_index=True
    )
    table = rows[list(TRANSFER_COLUMNS)].astype(TRANSFER_COLUMNS)
    table = table.sort_values(["supplier", "recipient", "year"], ignore_index=True)
    duplicated = table.duplicated(["supplier", "recipient", "year"])
    if duplicated.any():
        first = table[duplicated].iloc[0]
        raise IngestError(
            f"two values for {first['supplier']} -> {first['recipient']} in {first['year']}",
            path=register_path,
        )
    return table


DEAL_OUTPUT_COLUMNS: dict[str, str] = {
    "deal_id": "string",
    "supplier": "string",
    "supplier_code": "string",
    "supplier_series": "string",
    "recipient": "string",
    "recipient_code": "string",
    "order_year": "Int64",
    "order_year_estimated": "boolean",
    "number_ordered": "Int64",
    "number_ordered_estimated": "boolean",
    "designation": "string",
    "description": "string",
    "number_delivered": "Int64",
    "number_delivered_estimated": "boolean",
    "delivery_years": "string",
    "first_delivery_year": "Int64",
    "last_delivery_year": "Int64",
    "status": "string",
    "tiv_per_unit": "Float64",
    "tiv_order": "Float64",
    "tiv_delivered": "Float64",
    "comments": "string",
}

#: The fields a deal's identifier is derived from: what names a deal in SIPRI's
#: register, leaving out values SIPRI revises often (deliveries, TIV, comments).
DEAL_ID_FIELDS: tuple[str, ...] = (
    "supplier", "recipient", "order_year", "designation", "description",
    "number_ordered", "status",
)


def deal_key(row: pd.Series) -> str:
    """Return the text a deal's identifier hashes: its identifying fields, joined."""
    parts = []
    for name in DEAL_ID_FIELDS:
        value = row[name]
        if pd.isna(value):
            parts.append("")
        elif isinstance(value, float):
            parts.append(str(int(value)) if value.is_integer() else repr(value))
        else:
            parts.append(str(value))
    return "\x1f".join(parts)


def deal_ids(deals: pd.DataFrame) -> list[str]:
    """Return ``IRN-`` plus 10 hex digits of the sha256 of each deal's key.

    The id depends only on the deal's identifying fields, so it is identical on
    every run and survives SIPRI revising deliveries or comments. Deals sharing
    a key (none in the March 2025 release) get ``-2``, ``-3`` … in the order of
    their full rows.

    Examples
    --------
    >>> deals = pd.DataFrame({"supplier": ["Russia"], "recipient": ["Iran"],
    ...     "order_year": [2015], "designation": ["S-300PMU2 Favorit"],
    ...     "description": ["SAM system"], "number_ordered": [4.0], "status": ["New"]})
    >>> deal_ids(deals)
    ['IRN-...']
    """
    keys = [deal_key(row) for _, row in deals.iterrows()]
    base = ["IRN-" + hashlib.sha256(k.encode("utf-8")).hexdigest()[:10] for k in keys]
    full = [repr(tuple(row)) for row in deals.astype(str).itertuples(index=False)]
    order = sorted(range(len(base)), key=lambda i: (base[i], full[i]))
    counts: dict[str, int] = {}
    ids = [""] * len(base)
    for i in order:
        counts[base[i]] = counts.get(base[i], 0) + 1
        ids[i] = base[i] if counts[base[i]] == 1 else f"{base[i]}-{counts[base[i]]}"
    return ids


def arms_deals(register_path: Path) -> pd.DataFrame:
    """Return every deal with Iran as supplier or recipient, sorted by ``deal_id``."""
    deals = add_codes(read_deal_register(register_path), register_path)
    deals = deals[(deals["supplier_code"] == IRAN) | (deals["recipient_code"] == IRAN)]
    deals = deals.reset_index(drop=True)
    deals["deal_id"] = deal_ids(deals)
    table = deals[list(DEAL_OUTPUT_COLUMNS)].astype(DEAL_OUTPUT_COLUMNS)
    return table.sort_values("deal_id", ignore_index=True)


def tiv_table_paths(sources_dir: Path) -> list[Path]:
    """Return the supplier tables under ``sources_dir``, sorted by name."""
    folder = sources_dir / TIV_TABLES_DIR
    if not folder.is_dir():
        raise IngestError("folder of SIPRI supplier tables is missing", path=folder)
    return sorted(folder.glob("TIV-Export-*-1950-2021.csv"))


def check_table_set(paths: Sequence[Path], sources_dir: Path) -> None:
    """Require the supplier tables on disk to be exactly those of the origin record."""
    recorded = set(TIV_TABLES_ORIGIN.files)
    for path in paths:
        relative = path.relative_to(sources_dir).as_posix()
        if relative not in recorded:
            raise IngestError(
                f"supplier table not in the origin record {TIV_TABLES_ORIGIN.id!r}", path=path
            )


def build_resources(sources_dir: Path) -> list[Resource]:
    """Build both resources from the raw files, without checking checksums.

    :func:`build` checks the origin records first; tests call this directly on
    small hand-made copies of the layouts.
    """
    transfers = arms_transfers(tiv_table_paths(sources_dir), sources_dir / DELIVERY_REGISTER)
    deals = arms_deals(sources_dir / DEAL_REGISTER)
    return [
        Resource("arms_transfers", transfers, transfers_descriptor()),
        Resource("arms_deals", deals, deals_descriptor()),
    ]


def build(sources_dir: Path) -> list[Resource]:
    """Check the raw files against :data:`ORIGINS`, then build both resources."""
    for origin in ORIGINS:
        check_origin(origin, sources_dir)
    check_table_set(tiv_table_paths(sources_dir), sources_dir)
    return build_resources(sources_dir)


# ---------------------------------------------------------------------------
# Descriptors
# ---------------------------------------------------------------------------

LICENSES: list[dict[str, str]] = [
    {
        "title": (
            "SIPRI Arms Transfers Database terms of use: non-commercial use with the "
            f"credit line '{CREDIT_LINE}'; the figures here are our calculations, "
            "not SIPRI's"
        ),
        "path": TERMS_URL,
    }
]

TIV_UNIT = (
    "millions of SIPRI trend-indicator values (TIV), a volume index, not US dollars"
)


def sources_of(*origins: Origin) -> list[dict[str, str]]:
    """Return resource-level ``sources`` entries for ``origins``."""
    return [{"id": o.id, "title": o.title, "path": o.url, "version": o.release} for o in origins]


CODE_PATTERN = "^[A-Z]{3}$"


def party_fields(side: str) -> list[dict[str, Any]]:
    """Return the name and code fields of the supplier or the recipient."""
    role = "delivering" if side == "supplier" else "receiving"
    return [
        field(
            side, "string", side.capitalize(),
            f"The {role} party as SIPRI names it in the release the row comes from "
            "(spellings differ between releases, e.g. 'Turkey'/'Turkiye'; a trailing "
            "'*' marks a non-state armed group, '**' an international organisation).",
            required=True,
        ),
        field(
            f"{side}_code", "string", f"{side.capitalize()} ISO code",
            f"ISO 3166-1 alpha-3 code of the {side}; historic states carry their ISO "
            "3166-3 code (Soviet Union SUN, Czechoslovakia CSK, East Germany DDR, "
            "Yugoslavia YUG, South Yemen YMD). Empty for non-state groups, "
            "international organisations, unknown parties and entities without an ISO "
            "code.",
            pattern=CODE_PATTERN,
        ),
    ]


def series_field() -> dict[str, Any]:
    """Return the ``supplier_series`` field."""
    return field(
        "supplier_series", "string", "Supplier series",
        "Join key for a continuous supplier series: 'SUN+RUS' for both the Soviet "
        "Union and Russia, otherwise the supplier's ISO code, or its SIPRI name when "
        "it has no code.",
        required=True,
    )


def transfers_descriptor() -> dict[str, Any]:
    """Return the descriptor of ``arms_transfers``."""
    origin_ids = [TIV_TABLES_ORIGIN.id, DELIVERY_REGISTER_ORIGIN.id]
    return {
        "name": "arms_transfers",
        "title": "Yearly arms transfers of the Soviet Union/Russia and of Iran, 1950–2024",
        "description": (
            "Volume of major conventional arms delivered each year, per supplier and "
            f"recipient, in {TIV_UNIT}. An extract, not the whole SIPRI database: "
            "every export of the Soviet Union (1950–1991) and Russia (1992–2024), and "
            "every transfer to or from Iran. Each year comes from one SIPRI release: "
            "1950–1994 from the March 2022 supplier tables, whose values SIPRI rounds "
            "to whole numbers (0 means more than nothing but less than 0.5); "
            "1995–2024 are our yearly sums of the March 2025 register of deliveries, "
            "rounded to 2 decimals. Releases revise history, so the two parts differ "
            "slightly where they overlap; compare years across the 1994/1995 seam with "
            "care. A pair and year without deliveries has no row. Our calculation "
            f"from SIPRI data; credit: '{CREDIT_LINE}'."
        ),
        "licenses": LICENSES,
        "sources": sources_of(TIV_TABLES_ORIGIN, DELIVERY_REGISTER_ORIGIN),
        "schema": {
            "fields": [
                *party_fields("supplier"),
                series_field(),
                *party_fields("recipient"),
                field("year", "integer", "Delivery year", "Calendar year of the deliveries.",
                      required=True, minimum=1950, maximum=LAST_REGISTER_YEAR),
                field("tiv", "number", "Volume delivered (TIV)",
                      f"Volume delivered in the year, in {TIV_UNIT}. Whole numbers to "
                      "1994 (0: less than 0.5), 2 decimals from 1995.",
                      required=True, minimum=0),
                field("sipri_release", "integer", "SIPRI release",
                      "Year of the March SIPRI release the value comes from.",
                      required=True, enum=sorted(set(RELEASE_OF[i] for i in origin_ids))),
                field("source_id", "string", "Source",
                      "Identifier of the raw source (package 'sources') the row is "
                      "computed from.",
                      required=True, enum=origin_ids),
            ],
            "primaryKey": ["supplier", "recipient", "year"],
        },
    }


def deals_descriptor() -> dict[str, Any]:
    """Return the descriptor of ``arms_deals``."""
    def flag(name: str, what: str) -> dict[str, Any]:
        return field(name, "boolean", f"{what} is an estimate",
                     f"True where SIPRI marks the {what.lower()} as uncertain ('?').",
                     required=True)

    return {
        "name": "arms_deals",
        "title": "Arms deals with Iran as supplier or recipient (SIPRI register, March 2025)",
        "description": (
            "One row per deal in SIPRI's trade register of major conventional arms "
            "(March 2025 release) in which Iran is the supplier or the recipient, all "
            "partners and all years, including orders with nothing delivered yet. "
            f"Volumes are in {TIV_UNIT}. Deliveries are totals over the listed "
            "years; use arms_transfers for yearly volumes. An extract, not the whole "
            f"SIPRI database; our re-formatting of SIPRI data; credit: '{CREDIT_LINE}'."
        ),
        "licenses": LICENSES,
        "sources": sources_of(DEAL_REGISTER_ORIGIN),
        "schema": {
            "fields": [
                field("deal_id", "string", "Deal identifier",
                      "Our identifier: 'IRN-' and 10 hex digits of a sha256 of the "
                      "deal's supplier, recipient, order year, designation, description, "
                      "number ordered and status (a '-2' suffix would separate deals "
                      "sharing them). Stable between runs; not a SIPRI identifier.",
                      required=True, unique=True, pattern=r"^IRN-[0-9a-f]{10}(-[0-9]+)?$"),
                *party_fields("supplier"),
                series_field(),
                *party_fields("recipient"),
                field("order_year", "integer", "Order year",
                      "Year the deal was ordered or agreed.", required=True,
                      minimum=1900, maximum=LAST_REGISTER_YEAR),
                flag("order_year_estimated", "Order year"),
                field("number_ordered", "integer", "Number ordered",
                      "Units ordered; empty where SIPRI does not know yet.", minimum=0),
                flag("number_ordered_estimated", "Number ordered"),
                field("designation", "string", "Weapon designation",
                      "SIPRI's designation of the weapon.", required=True),
                field("description", "string", "Weapon description",
                      "SIPRI's short description of the weapon type.", required=True),
                field("number_delivered", "integer", "Number delivered",
                      "Units delivered to the end of 2024 (0 when none yet).",
                      required=True, minimum=0),
                flag("number_delivered_estimated", "Number delivered"),
                field("delivery_years", "string", "Delivery years",
                      "Years with deliveries as SIPRI lists them, separated by '; '; "
                      "empty when nothing has been delivered.",
                      pattern=r"^[0-9]{4}(; [0-9]{4})*$"),
                field("first_delivery_year", "integer", "First delivery year",
                      "Earliest of the delivery years; empty when none.", minimum=1900),
                field("last_delivery_year", "integer", "Last delivery year",
                      "Latest of the delivery years; empty when none.", minimum=1900),
                field("status", "string", "Status",
                      "Whether the weapons were new or second-hand (possibly modernised).",
                      required=True, enum=list(DEAL_STATUSES)),
                field("tiv_per_unit", "number", "TIV per unit",
                      f"SIPRI's value of one unit, in {TIV_UNIT}.",
                      required=True, minimum=0),
                field("tiv_order", "number", "TIV of the order",
                      f"Value of the whole order, in {TIV_UNIT}; empty where the number "
                      "ordered is unknown (SIPRI's export writes 0 there).", minimum=0),
                field("tiv_delivered", "number", "TIV delivered",
                      f"Value of the units delivered so far, in {TIV_UNIT}; 0 means less "
                      "than 0.5; empty when nothing has been delivered.", minimum=0),
                field("comments", "string", "SIPRI comments",
                      "SIPRI's free-text notes on the deal (versions, financing, local "
                      "designations)."),
            ],
            "primaryKey": ["deal_id"],
        },
    }
