Feature: Which body approves a director's transaction, and who reports to a board
  会社法 356条1項・365条 for kabushiki kaisha and tokurei yugen kaisha; 一般法人法 84条1項・92条・197条
  for general associations and foundations. The board approves where there is one (a tokurei
  yugen kaisha never has one; a general foundation always does), else the shareholders' or the
  members' meeting; the consent of all shareholders counts at any company.

  Background:
    Given the packs "companies-act-jp" and "ippan-hojin-jp"
    And a person "田中 一郎"
    And these organisations:
      | id    | name               | legal form           | board |
      | O-KK  | 気仙沼水産株式会社 | kabushiki_kaisha     | yes   |
      | O-KK2 | 唐桑かき株式会社   | kabushiki_kaisha     | no    |
      | O-YK  | 有限会社 唐桑商店  | tokurei_yugen_kaisha | yes   |
      | O-GA  | けせんぬま観光協会 | general_association  | no    |
      | O-GB  | 三陸ひろがりDMO    | general_association  | yes   |
      | O-GF  | 気仙沼地域振興財団 | general_foundation   | no    |

  @rule:ca.conflict-transaction-unapproved @rule:ippan.conflict-transaction-unapproved
  Scenario Outline: The approving body depends on the organisation, as the statute reads
    Given "田中" is a director of "<org>" from 2026-01-01 as "SEAT-1"
    And "田中" sells to "<org>" for 1,000,000 from 2026-09-01 as "COL-1"
    And "COL-1" was approved by the <body> of "<org>" on 2026-08-20
    And today is 2026-09-10
    When the register is checked
    Then "<rule>" <outcome> for "COL-1"

    Examples:
      | org   | body             | rule                                  | outcome       |
      | O-KK  | board            | ca.conflict-transaction-unapproved    | does not fire |
      | O-KK  | shareholders     | ca.conflict-transaction-unapproved    | fires         |
      | O-KK  | all shareholders | ca.conflict-transaction-unapproved    | does not fire |
      | O-KK2 | shareholders     | ca.conflict-transaction-unapproved    | does not fire |
      | O-KK2 | board            | ca.conflict-transaction-unapproved    | fires         |
      | O-YK  | shareholders     | ca.conflict-transaction-unapproved    | does not fire |
      | O-YK  | board            | ca.conflict-transaction-unapproved    | fires         |
      | O-GA  | members          | ippan.conflict-transaction-unapproved | does not fire |
      | O-GA  | board            | ippan.conflict-transaction-unapproved | fires         |
      | O-GB  | board            | ippan.conflict-transaction-unapproved | does not fire |
      | O-GB  | members          | ippan.conflict-transaction-unapproved | fires         |
      | O-GF  | board            | ippan.conflict-transaction-unapproved | does not fire |
      | O-GF  | members          | ippan.conflict-transaction-unapproved | fires         |

  @rule:ca.conflict-transaction-not-reported @rule:ippan.conflict-transaction-not-reported
  Scenario Outline: Only an organisation with a board hears a report, within 30 days
    Given "田中" is a director of "<org>" from 2026-01-01 as "SEAT-1"
    And "田中" sells to "<org>" for 1,000,000 from 2026-09-01 as "COL-1"
    And today is 2026-10-15
    When the register is checked
    Then "<rule>" <outcome> for "COL-1"

    Examples:
      | org   | rule                                    | outcome       |
      | O-KK  | ca.conflict-transaction-not-reported    | fires         |
      | O-KK2 | ca.conflict-transaction-not-reported    | does not fire |
      | O-YK  | ca.conflict-transaction-not-reported    | does not fire |
      | O-GA  | ippan.conflict-transaction-not-reported | does not fire |
      | O-GB  | ippan.conflict-transaction-not-reported | fires         |
      | O-GF  | ippan.conflict-transaction-not-reported | fires         |

  @rule:ca.conflict-transaction-unapproved @rule:ippan.conflict-transaction-unapproved
  Scenario Outline: The message names the seat the register gives, as the organisation's statute names it
    Given "田中" is a <role> of "<org>" from 2026-01-01 as "SEAT-1"
    And "田中" sells to "<org>" for 1,000,000 from 2026-09-01 as "COL-1"
    And today is 2026-09-10
    When the register is checked
    Then the English message of "<rule>" for "COL-1" says "The transaction of the <en> 田中 一郎 with <name> (sale, COL-1, ¥1,000,000, from 1 September 2026) was not approved in advance."
    And the Japanese message of "<rule>" for "COL-1" says "<ja>である田中 一郎氏の<name>との売買取引（COL-1、1,000,000円、2026年9月1日開始）について、事前の承認がありません。"

    Examples:
      | org  | role                        | rule                                  | name               | en                          | ja         |
      | O-KK | director                    | ca.conflict-transaction-unapproved    | 気仙沼水産株式会社 | director                    | 取締役     |
      | O-KK | representative director     | ca.conflict-transaction-unapproved    | 気仙沼水産株式会社 | representative director     | 代表取締役 |
      | O-KK | statutory executive officer | ca.conflict-transaction-unapproved    | 気仙沼水産株式会社 | statutory executive officer | 執行役     |
      | O-GA | director                    | ippan.conflict-transaction-unapproved | けせんぬま観光協会 | director                    | 理事       |
      | O-GF | representative director     | ippan.conflict-transaction-unapproved | 気仙沼地域振興財団 | representative director     | 代表理事   |
