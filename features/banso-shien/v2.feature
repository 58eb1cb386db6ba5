Feature: banso-shien v2 in English: thresholds, pledges, committees, relatives and bids
  The quiet side of the v2 rules, and the boundaries a municipal reviewer asks about first:
  small purchases and gifts are not reported, fiscal years run from April to March, a pledge or
  a prior review in time means nothing is found, a third-party committee may approve a waiver,
  and an evaluator's relatives count as the evaluator.

  Background:
    Given the pack "banso-shien"
    And a supporter "田中 一郎"
    And a company "気仙沼水産株式会社"
    And a municipality "気仙沼市"
    And a reviewer "佐藤 花子"
    And "田中" supports "気仙沼水産" under "ENG-1" from 2026-04-01 to 2027-03-31, funded by "気仙沼市" with public funds

  @rule:confidentiality.pledge-missing
  Scenario: A pledge signed by the deadline means nothing is found
    Given "田中" holds 5% of "気仙沼水産" from 2026-06-01 as "INV-1"
    And "田中" disclosed "INV-1" to "気仙沼市" on 2026-06-10
    And "佐藤" approved "INV-1" on 2026-05-20
    And "田中" signed a confidentiality pledge to "気仙沼市" covering "ENG-1" on 2026-07-01
    When the register is checked as of 2026-08-01
    Then there are no findings

  @rule:gift.undisclosed
  Scenario: Gifts of 5,000 or less that add up to 20,000 or less in the fiscal year are not reported
    Given "田中" received a gift worth 5,000 from "気仙沼水産" on 2026-07-10 as "GIFT-1"
    And "田中" received a hospitality worth 5,000 from "気仙沼水産" on 2026-12-20 as "GIFT-2"
    When the register is checked as of 2027-02-01
    Then there are no findings

  @rule:review.split-contracts
  Scenario: Contracts in two fiscal years are not added up (31 March and 1 April)
    Given "田中" provides services to "気仙沼水産" worth 600,000 from 2026-05-01 as "COL-1"
    And "田中" provides services to "気仙沼水産" worth 400,000 from 2027-04-01 as "COL-2"
    When the register is checked as of 2027-04-15
    Then "review.split-contracts" does not fire

  @rule:collaboration.during-engagement
  Scenario: ¥5,000 of oysters is not business during the engagement
    Given "田中" buys from "気仙沼水産" for 5,000 from 2026-09-01 as "COL-1"
    When the register is checked as of 2026-10-01
    Then "collaboration.during-engagement" does not fire

  @rule:waiver.invalid @rule:collaboration.during-engagement
  Scenario: A waiver approved by a third-party committee is valid
    Given a committee "気仙沼市伴走支援第三者委員会"
    And "田中" provides services to "気仙沼水産" worth 3,000,000 from 2026-09-01 as "COL-1"
    And "佐藤" approved "COL-1" on 2026-08-20
    And "田中" disclosed "COL-1" to "気仙沼市" on 2026-09-05
    And a waiver "W-1" of "collaboration.during-engagement" for "COL-1" requested by "田中" and approved by "気仙沼市伴走支援第三者委員会" on 2026-09-01 until 2027-03-31 because "地域唯一の加工業者"
    When the register is checked as of 2026-10-01
    Then "collaboration.during-engagement" for "COL-1" is waived by "W-1"
    And "waiver.invalid" does not fire

  @rule:pfs.evaluator-not-independent
  Scenario: An evaluator whose parent holds shares in the client is not independent
    Given an evaluator "遠藤 修"
    And a person "遠藤 梅"
    And "遠藤 梅" is the parent of "遠藤 修"
    And "遠藤 梅" holds 1% of "気仙沼水産" from 2026-05-01 as "INV-E"
    And "ENG-1" is a pfs engagement
    And the evaluator of "ENG-1" is "遠藤 修"
    When the register is checked as of 2026-08-01
    Then "pfs.evaluator-not-independent" is violation for "ENG-1"

  @rule:procurement.participation
  Scenario: A bid an independent reviewer approved before it was submitted is not reported
    Given "田中" bids for "水産加工施設基本設計" of "気仙沼市" by open tender on 2026-09-01 as "BID-1"
    And "佐藤" approved "BID-1" on 2026-08-25
    When the register is checked as of 2026-10-01
    Then "procurement.participation" does not fire

  @rule:procurement.participation
  Scenario Outline: Bids up to the 365th day after the engagement ended are reported
    Given "田中" bids for "観光PR業務" of "気仙沼市" by designated tender on <day> as "BID-1"
    When the register is checked as of 2028-06-01
    Then "procurement.participation" <outcome>

    Examples:
      | day        | outcome        |
      | 2028-03-30 | fires          |
      | 2028-03-31 | does not fire  |
