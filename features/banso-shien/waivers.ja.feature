# language: ja
機能: 例外承認（ウェイバー）
  支援期間中の取引などは、支援者と利害関係のない者が理由を付けて、365日以内の期間に限り
  例外承認できる（伴走支援者 利益相反管理方針 7.1）。無効な例外承認は何も免除しない。

  背景:
    前提 ポリシーパック "banso-shien" を使う
    かつ 次の人物:
      | id       | 氏名      | 役割     |
      | P-TANAKA | 田中 一郎 | 支援者   |
      | P-HANAKO | 田中 花子 |          |
      | P-SATO   | 佐藤 花子 | 審査者   |
      | P-SUZUKI | 鈴木 次郎 |          |
    かつ 会社 "気仙沼水産株式会社" がある
    かつ 自治体 "気仙沼市" がある
    かつ "田中 一郎" と "田中 花子" は夫婦（2010-05-05 から）
    かつ 次の伴走支援契約:
      | id    | 支援者    | 支援先     | 資金提供者 | 公的資金 | 開始       | 終了       |
      | ENG-1 | 田中 一郎 | 気仙沼水産 | 気仙沼市   | はい     | 2026-04-01 | 2029-03-31 |
    かつ "田中 一郎" は 2026-09-01 から "気仙沼水産" と 300万円 の業務委託取引をしている（"COL-1"）
    かつ "佐藤 花子" は 2026-08-20 に "COL-1" を承認した
    かつ "田中 一郎" は 2026-09-10 に "COL-1" を "気仙沼市" に開示した

  @rule:waiver.invalid @rule:collaboration.during-engagement
  シナリオ: 資金提供者が理由を付けて承認した例外は有効
    前提 "気仙沼市" が 2026-10-01 に "COL-1" の "collaboration.during-engagement" を例外承認した（"W-1"、申請者 "田中 一郎"、期限 2027-03-31、理由 "地域唯一の加工業者"）
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                          | 対象  | 状態     |
      | collaboration.during-engagement | COL-1 | 例外承認 |
    かつ "COL-1" の "collaboration.during-engagement" は "W-1" により例外承認されている
    かつ "waiver.invalid" は発火しない

  @rule:waiver.invalid
  シナリオアウトライン: 利害関係のある者が承認した例外は無効で、何も免除しない
    前提 "<承認者>" が 2026-10-01 に "COL-1" の "collaboration.during-engagement" を例外承認した（"W-1"、申請者 "<申請者>"、期限 2027-03-31、理由 "地域唯一の加工業者"）
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール                          | 対象  | 状態 | 重大度 |
      | waiver.invalid                  | W-1   | 違反 | 中     |
      | collaboration.during-engagement | COL-1 | 違反 | 高     |

    例:
      | 承認者    | 申請者    |
      | 鈴木 次郎 | 鈴木 次郎 |
      | 田中 一郎 | 鈴木 次郎 |
      | 田中 花子 | 鈴木 次郎 |

  @rule:waiver.invalid
  シナリオ: 理由のない例外承認は無効
    前提 "気仙沼市" が 2026-10-01 に "COL-1" の "collaboration.during-engagement" を例外承認した（"W-1"、申請者 "田中 一郎"、期限 2027-03-31）
    かつ 基準日は 2026-11-01
    ならば "W-1" について "waiver.invalid" が 違反
    かつ "COL-1" について "collaboration.during-engagement" が 違反

  @rule:waiver.invalid
  シナリオアウトライン: 例外承認の期間は365日まで
    前提 "気仙沼市" が 2026-10-01 に "COL-1" の "collaboration.during-engagement" を例外承認した（"W-1"、申請者 "田中 一郎"、期限 <期限>、理由 "地域唯一の加工業者"）
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば "W-1" について "waiver.invalid" の指摘<有無>

    例:
      | 期限       | 有無   |
      | 2027-10-01 | はない |
      | 2027-10-02 | がある |

  @rule:waiver.invalid
  シナリオ: 例外にできないルールの例外承認は重大な違反
    前提 "気仙沼市" が 2026-10-01 に "COL-1" の "collaboration.public-funds" を例外承認した（"W-1"、申請者 "田中 一郎"、期限 2027-03-31、理由 "緊急対応"）
    かつ 基準日は 2026-11-01
    もし 登録簿を確認する
    ならば "W-1" について "waiver.invalid" が 違反
    かつ "W-1" の "waiver.invalid" の重大度は 重大

  @rule:collaboration.during-engagement
  シナリオ: 期限切れの例外承認は何も免除しない
    前提 次の例外承認:
      | id  | ルール                          | 対象  | 申請者    | 承認者   | 承認日     | 期限       | 理由               |
      | W-1 | collaboration.during-engagement | COL-1 | 田中 一郎 | 気仙沼市 | 2026-10-01 | 2027-03-31 | 地域唯一の加工業者 |
    もし 2027-04-01 時点で確認する
    ならば "COL-1" について "collaboration.during-engagement" が 違反
    かつ "waiver.invalid" は発火しない
