// プリセットの日本語表示。names は拠点・規制強化・運営会社の id ごとの表示名、
// 注記（sources[].field ごと）は preset-notes-ja.js にあり、出典欄を開いたときに読み込む。
// 複数のプリセットに共通する表示名は一度だけ書き、各プリセットで展開する。

/** Names shared by tencent-datasection, two-track, ceo-worst-case. */
const OSAKA_NAMES = {
  datasection: "データセクション",
  osaka: "大阪",
};

/** Names shared by tencent-datasection, two-track. */
const DATASECTION_NAMES = {
  sydney: "シドニー",
  japan_acts: "日本の独自措置",
  australia_acts: "オーストラリアの独自措置",
};

/** Names shared by tencent-datasection, two-track, southeast-asia. */
const US_RULE_NAMES = {
  us_cloud_rule: "米国によるクラウドの抜け穴封じ",
};

export const PRESETS_JA = {
  "tencent-datasection": {
    name: "データセクション経由のテンセント（報道ベース）",
    summary:
      "データセクションが運営する大阪近郊の拠点でB200約1万5000基を借り、シドニーの拠点ではB300が順次稼働する。いずれも同じ事業者が運営するオフショアのレンタルで、クラウド利用をめぐる米国の規制（これまでに例はない。リモートアクセスを輸出規制の対象にする法案は2026年1月に下院を通過し、上院の審議を待つ）や、日本・オーストラリアの措置の影響を受けうる。",
    names: {
      ...OSAKA_NAMES,
      ...DATASECTION_NAMES,
      ...US_RULE_NAMES,
    },
  },
  "two-track": {
    name: "ツートラック戦略：海外レンタルと国内保有の併用",
    summary:
      "大阪とシドニーのレンタルに加え、国内で自社保有するチップを使う。H20、華為技術（ファーウェイ）のAscend 910C、許可を得て購入するH200だ。H200の納入は、中国政府の輸入制限（2026年1月14日から税関でH200が留め置かれ、26年6月までに出荷は確認されていない）が解かれるまで待たされ、米国が輸出許可を取り消せば止まる。これらのチップは中国政府の命令で使用を止められることもある。グラフは保有分すべてを数え、次の大型モデルの学習はレンタルのブラックウェルだけで行う。",
    names: {
      ...OSAKA_NAMES,
      ...DATASECTION_NAMES,
      ...US_RULE_NAMES,
      own: "自社",
      domestic_h20: "国内のH20",
      domestic_ascend: "国内のAscend",
      h200_licensed: "H200（許可取得分）",
      beijing_import_curbs: "中国による米国製チップの輸入制限",
      us_revokes_licences: "米国による輸出許可の取り消し",
      beijing_use_curbs: "中国政府によるエヌビディア製チップの使用停止命令",
    },
  },
  "southeast-asia": {
    name: "東南アジアルート（アリババ、バイトダンス）",
    summary:
      "マレーシアとシンガポールで計算能力を借りる。クラウド利用をめぐる米国の規制（これまでに例はない。法案は2026年1月に下院を通過）や、所在国の取り締まり（両国ともこれまでにレンタルの利用を止めた例はない）の影響を受けうる。恒久的に使えなくなったGPUは戻らない。2拠点とも借りたもので、マレーシアは2025年7月から米国製AIチップの輸出に許可を求めている。",
    names: {
      ...US_RULE_NAMES,
      my_colo: "マレーシアのコロケーション事業者",
      sg_cloud: "シンガポールのクラウド事業者",
      johor: "ジョホール",
      singapore: "シンガポール",
      malaysia_tightens: "マレーシアによるレンタル規制",
      singapore_prosecutes: "シンガポールの横流し摘発",
    },
  },
  "ceo-worst-case": {
    name: "CEOが語る最悪の事態：1週間の停止",
    summary:
      "大阪の拠点だけを対象に、データセクションのCEOが自社の最悪の事態として語った操業停止をそのまま再現する。2026年1月4日からちょうど1週間止まり、その間も学習が進行中となる。それ以外に加えるのは、ノードの故障とまれな拠点全体の障害という平常時のリスクだけ。",
    names: {
      ...OSAKA_NAMES,
      halt: "操業停止",
    },
  },
};
