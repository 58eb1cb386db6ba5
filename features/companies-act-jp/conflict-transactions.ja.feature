# language: ja
機能: 取締役の利益相反取引（会社法 356条・365条・369条）
  取締役が自社と取引するときは、事前に取締役会（取締役会のない会社では株主総会）の承認を受け、
  取引後は遅滞なく取締役会に報告しなければならない。利害関係のある取締役は承認の議決に
  加われない。支援契約の有無にかかわらず、すべての取締役に適用される。

  背景:
    前提 ポリシーパック "companies-act-jp" を使う
    かつ 人物 "田中 一郎" がいる
    かつ 人物 "木村 四郎" がいる
    かつ 取締役会設置会社 "気仙沼水産株式会社" がある
    かつ "田中" は 2026-01-01 から "気仙沼水産" の取締役である（"SEAT-1"）
    かつ "木村" は 2026-01-01 から "気仙沼水産" の取締役である（"SEAT-K"）
    かつ "田中" は 2026-09-01 から "気仙沼水産" と 3,000,000円 の販売取引をしている（"COL-1"）

  @rule:ca.conflict-transaction-unapproved @rule:ca.conflict-transaction-not-reported
  シナリオ: 承認も報告もない取引
    前提 基準日は 2026-09-15
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                               | 対象  | 状態   | 重大度 | 期限       |
      | ca.conflict-transaction-unapproved   | COL-1 | 違反   | 重大   | -          |
      | ca.conflict-transaction-not-reported | COL-1 | 期限内 | 中     | 2026-10-01 |

  @rule:ca.conflict-transaction-unapproved @rule:ca.interested-director-voted @rule:ca.conflict-transaction-not-reported
  シナリオ: 事前承認と報告があれば指摘はない
    前提 "気仙沼水産" の取締役会が 2026-08-20 に "COL-1" を承認した（"RES-1"）
    かつ "木村" が議決に加わった
    かつ "COL-1" は 2026-09-20 に "気仙沼水産" の取締役会に報告された
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘はない

  @rule:ca.interested-director-voted @rule:ca.conflict-transaction-unapproved
  シナリオ: 利害関係のある取締役が承認の議決に加わった
    前提 "気仙沼水産" の取締役会が 2026-08-20 に "COL-1" を承認した（"RES-1"）
    かつ "田中" と "木村" が "RES-1" の議決に加わった
    かつ "COL-1" は 2026-09-20 に "気仙沼水産" の取締役会に報告された
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                       | 対象  | 状態 | 重大度 |
      | ca.interested-director-voted | COL-1 | 違反 | 高     |
    かつ "ca.conflict-transaction-unapproved" は発火しない

  @rule:ca.conflict-transaction-unapproved
  シナリオ: 取引開始後の承認は事前承認にならない
    前提 "気仙沼水産" の取締役会が 2026-09-02 に "COL-1" を承認した
    かつ "COL-1" は 2026-09-20 に "気仙沼水産" の取締役会に報告された
    かつ 基準日は 2026-11-01
    ならば "COL-1" について "ca.conflict-transaction-unapproved" が 違反
