# language: ja
機能: 一般社団法人・一般財団法人の理事の利益相反取引（一般法人法 84条・92条・95条・197条）
  理事が法人と取引するときは、理事会設置一般社団法人では理事会、一般財団法人では常に理事会、
  それ以外の一般社団法人では社員総会の事前の承認を受ける。理事会のある法人では取引後遅滞なく
  （このパックの運用では30日以内に）理事会に報告する。利害関係のある理事は理事会の議決に加われない。

  背景:
    前提 ポリシーパック "ippan-hojin-jp" を使う
    かつ 人物 "森 直子" がいる
    かつ 人物 "小川 健" がいる
    かつ 一般社団法人 "けせんぬま観光協会" がある
    かつ 理事会設置一般社団法人 "三陸ひろがりDMO" がある
    かつ 一般財団法人 "気仙沼地域振興財団" がある
    かつ "森" は 2025-06-20 から "けせんぬま観光協会" の理事である（"SEAT-MORI"）

  @rule:ippan.conflict-transaction-unapproved
  シナリオ: 理事会のない一般社団法人では社員総会の承認がなければ違反
    前提 "森" は 2026-10-01 から "けせんぬま観光協会" と 1,200,000円 の業務委託取引をしている（"COL-MORI"）
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                                | 対象     | 状態 | 重大度 |
      | ippan.conflict-transaction-unapproved | COL-MORI | 違反 | 重大   |

  @rule:ippan.conflict-transaction-unapproved @rule:ippan.conflict-transaction-not-reported
  シナリオ: 社員総会の事前承認があれば指摘はない（理事会がないので報告も不要）
    前提 "森" は 2026-10-01 から "けせんぬま観光協会" と 1,200,000円 の業務委託取引をしている（"COL-MORI"）
    かつ "けせんぬま観光協会" の社員総会が 2026-09-20 に "COL-MORI" を承認した
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘はない

  @rule:ippan.conflict-transaction-unapproved @rule:ippan.conflict-transaction-not-reported
  シナリオ: 一般財団法人は has_board にかかわらず理事会が承認し、理事会に報告する（197条）
    前提 "小川" は 2026-01-01 から "気仙沼地域振興財団" の理事である（"SEAT-OGAWA-Z"）
    かつ "小川" は 2026-09-01 から "気仙沼地域振興財団" と 600,000円 の賃貸取引をしている（"COL-Z"）
    かつ "気仙沼地域振興財団" の社員総会が 2026-08-20 に "COL-Z" を承認した
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                                  | 対象  | 状態     | 期限       |
      | ippan.conflict-transaction-unapproved   | COL-Z | 違反     | -          |
      | ippan.conflict-transaction-not-reported | COL-Z | 期限超過 | 2026-10-01 |

  @rule:ippan.interested-director-voted @rule:ippan.conflict-transaction-not-reported
  シナリオ: 理事会で自らの取引の承認決議に加わった理事
    前提 "小川" は 2025-06-25 から "三陸ひろがりDMO" の理事である（"SEAT-OGAWA"）
    かつ "森" は 2025-06-25 から "三陸ひろがりDMO" の理事である（"SEAT-MORI-D"）
    かつ "小川" は 2026-11-01 から "三陸ひろがりDMO" と 2,400,000円 の賃貸取引をしている（"COL-OGAWA"）
    かつ "三陸ひろがりDMO" の理事会が 2026-10-20 に "COL-OGAWA" を承認した（"RES-DMO"）
    かつ "小川" と "森" が "RES-DMO" の議決に加わった
    かつ 基準日は 2026-11-15
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                                  | 対象      | 状態   | 重大度 | 期限       |
      | ippan.interested-director-voted         | COL-OGAWA | 違反   | 高     | -          |
      | ippan.conflict-transaction-not-reported | COL-OGAWA | 期限内 | 中     | 2026-12-01 |
    かつ "COL-OGAWA" の "ippan.interested-director-voted" の日本語メッセージに "理事である小川 健氏は、自らの三陸ひろがりDMOとの取引（COL-OGAWA）を承認する決議（RES-DMO）に加わりました。" が含まれる
    かつ "COL-OGAWA" の "ippan.conflict-transaction-not-reported" の日本語メッセージに "理事である小川 健氏は、三陸ひろがりDMOとの取引（COL-OGAWA）を理事会に報告していません（期限：2026年12月1日。「遅滞なく」についての本方針上の目安）。" が含まれる

  @rule:ippan.interested-director-voted
  シナリオ: 社員総会で社員として議決しても95条2項の違反ではない
    前提 "森" は 2026-10-01 から "けせんぬま観光協会" と 1,200,000円 の業務委託取引をしている（"COL-MORI"）
    かつ "けせんぬま観光協会" の社員総会が 2026-09-20 に "COL-MORI" を承認した（"RES-K"）
    かつ "森" が "RES-K" の議決に加わった
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘はない

  @rule:ippan.competing-transaction-unapproved
  シナリオ: 承認のない競業取引（84条1項1号）
    前提 "森" は 2027-01-10 から "けせんぬま観光協会" の事業の部類に属する "旅行商品の企画・販売" の取引をしている（"CMP-MORI"）
    かつ 基準日は 2027-02-01
    もし 登録簿を確認する
    ならば "CMP-MORI" について "ippan.competing-transaction-unapproved" が 違反
    かつ "CMP-MORI" の "ippan.competing-transaction-unapproved" の日本語メッセージに "理事である森 直子氏によるけせんぬま観光協会の事業の部類に属する取引（旅行商品の企画・販売、CMP-MORI、2027年1月10日開始）について、事前の承認がありません。" が含まれる

  @rule:ippan.competing-transaction-unapproved
  シナリオ: 社員総会が事前に承認した競業取引
    前提 "森" は 2027-01-10 から "けせんぬま観光協会" の事業の部類に属する "旅行商品の企画・販売" の取引をしている（"CMP-MORI"）
    かつ "けせんぬま観光協会" の社員総会が 2027-01-05 に "CMP-MORI" を承認した
    かつ 基準日は 2027-02-01
    もし 登録簿を確認する
    ならば "ippan.competing-transaction-unapproved" は発火しない

  @rule:ippan.conflict-transaction-unapproved
  シナリオ: 理事の債務の保証（間接取引、84条1項3号）
    前提 団体 "気仙沼信用金庫" がある
    かつ "けせんぬま観光協会" は 2026-09-01 から "森" の "気仙沼信用金庫" に対する債務を 10,000,000円 保証している（"GUA-1"）
    かつ 基準日は 2026-10-01
    もし 登録簿を確認する
    ならば "GUA-1" について "ippan.conflict-transaction-unapproved" が 違反

  @rule:ippan.conflict-transaction-unapproved
  シナリオ: 重要な事実を開示しない社員総会の承認は承認にならない
    前提 "森" は 2026-10-01 から "けせんぬま観光協会" と 1,200,000円 の業務委託取引をしている（"COL-MORI"）
    かつ "けせんぬま観光協会" の社員総会が 2026-09-20 に "COL-MORI" を承認した
    かつ この決議では重要な事実が開示されなかった
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば "COL-MORI" について "ippan.conflict-transaction-unapproved" が 違反
