Feature: History and changes
  Beyond one mission on one day, the tracker answers questions over time and across
  missions:

    missions history MISSION [--from DATE] [--to DATE]   how one mission changed
    missions changes --from DATE --to DATE               what changed, mission by mission
    missions partners [--at DATE]                        who had a part in what
    missions list --partner SLUG [--standing STANDING]   the missions a partner was in

  Changes come in the order of the world. A change counts as dated in a range only if
  it surely happened within it: "on or before 24 February 2022" may have been years
  earlier, so it is not counted as a change of the week after the invasion.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Rule: The history of a mission tells every change its facts made

    Scenario: ExoMars, from its preparation to ESA's warning of 28 February 2022
      When I type `missions history exomars --json`
      Then the changes are, in the order of the world:
        | date          | subject       | partner   | role    | from    | to      | kind                  |
        | ../2022-02-24 | partner       | esa       | lead    | -       | active  | partner-joined        |
        | ../2022-02-24 | partner       | roscosmos | partner | -       | active  | partner-joined        |
        | ../2022-02-24 | status        | -         | -       | -       | planned | status-changed        |
        | ../2022-02-24 | target_launch | -         | -       | -       | 2022-09 | launch-target-changed |
        | 2022-02-28    | status        | -         | -       | planned | at_risk | status-changed        |

    Scenario: The same history, for people to read
      When I type `missions history exomars`
      Then I see:
        """
        DATE           CHANGE                            EVENT     SUMMARY
        ../2022-02-24  esa (lead): - -> active           619ad89d  ESA leads ExoMars, which the article calls the agency's own mission.
        ../2022-02-24  roscosmos (partner): - -> active  0614fb6a  Russia takes part in ExoMars: ESA ties the mission's launch to the sanctions on Russia.
        ../2022-02-24  status: - -> planned              5df50f1d  ExoMars was planned to launch in September 2022.
        ../2022-02-24  launch target: - -> 2022-09       fe2d3818  The launch of ExoMars was targeted for September 2022.
        2022-02-28     status: planned -> at_risk        e5e05089  ESA said a September launch of ExoMars had become very unlikely, because of the sanctions on Russia and the invasion of Ukraine.
        """

    Scenario: Russia ended NASA's prospective part in Venera-D; what the article expects of China is a note
      When I type `missions history venera-d --from 2022-02-24 --json`
      Then the changes surely within the range are, in the order of the world:
        | date                  | subject | partner | from        | to        | by_party  | kind              |
        | 2022-02-24/2022-03-01 | partner | nasa    | prospective | withdrawn | roscosmos | partner-withdrawn |
        | 2022-02-24/2022-03-01 | note    | -       | -           | -         | -         | noted             |

    Scenario: A history between two dates
      When I type `missions history exomars --from 2022-02-25 --to 2022-03-03 --json`
      Then the changes are, in the order of the world:
        | date       | subject | from    | to      |
        | 2022-02-28 | status  | planned | at_risk |

    Scenario: A fact recorded later takes its place in the history
      Given I have typed `missions record exomars status-changed --status suspended --on 2022-03-17 --source "ESA" --summary "ESA suspended its cooperation with Roscosmos on ExoMars."`
      And I have typed `missions record exomars status-changed --status delayed --on 2020-03-12 --source "ESA" --summary "ESA and Roscosmos put off the launch of ExoMars from 2020 to 2022."`
      When I type `missions history exomars --json`
      Then the changes are, in the order of the world:
        | date          | subject       | partner   | from    | to        |
        | 2020-03-12    | status        | -         | -       | delayed   |
        | ../2022-02-24 | partner       | esa       | -       | active    |
        | ../2022-02-24 | partner       | roscosmos | -       | active    |
        | ../2022-02-24 | status        | -         | delayed | planned   |
        | ../2022-02-24 | target_launch | -         | -       | 2022-09   |
        | 2022-02-28    | status        | -         | planned | at_risk   |
        | 2022-03-17    | status        | -         | at_risk | suspended |

  Rule: The changes in a range are those whose dates touch it; those only possibly in it are marked

    A change dated "on or before 24 February 2022" may have happened on that day, and
    one dated "from 24 February to 1 March" may have happened before 28 February:
    each comes back in a range it touches, `"within": "possibly"` in JSON and with a
    `?` after its date in text. Those whose days all lie in the range are
    `"within": "surely"`. None is dropped.

    Scenario: What changed in the week after the invasion of Ukraine?
      ExoMars was put at risk, Russia ruled the United States out of Venera-D, and
      Russian launches from French Guiana stopped. The article's notes on Venera-D, the
      ILRS and the ISS change nothing, but they are told too, as notes.

      When I type `missions changes --from 2022-02-24 --to 2022-03-03 --json`
      Then the changes surely within the range are, by mission:
        | mission      | date                  | subject | partner   | from        | to          | kind                     |
        | exomars      | 2022-02-28            | status  | -         | planned     | at_risk     | status-changed           |
        | venera-d     | 2022-02-24/2022-03-01 | partner | nasa      | prospective | withdrawn   | partner-withdrawn        |
        | venera-d     | 2022-02-24/2022-03-01 | note    | -         | -           | -           | noted                    |
        | ilrs         | 2022-02-24/2022-03-01 | note    | -         | -           | -           | noted                    |
        | soyuz-kourou | 2022-02-26            | partner | roscosmos | active      | suspended   | partner-standing-changed |
        | soyuz-kourou | 2022-02-26            | status  | -         | operating   | suspended   | status-changed           |
        | iss          | 2022-02-24/2022-03-01 | note    | -         | -           | -           | noted                    |

    Scenario: The same changes, for people to read
      When I type `missions changes --from 2022-02-24 --to 2022-03-03`
      Then I see:
        """
        ExoMars (exomars)
          DATE             CHANGE                            EVENT     SUMMARY
          ../2022-02-24 ?  esa (lead): - -> active           619ad89d  ESA leads ExoMars, which the article calls the agency's own mission.
          ../2022-02-24 ?  roscosmos (partner): - -> active  0614fb6a  Russia takes part in ExoMars: ESA ties the mission's launch to the sanctions on Russia.
          ../2022-02-24 ?  status: - -> planned              5df50f1d  ExoMars was planned to launch in September 2022.
          ../2022-02-24 ?  launch target: - -> 2022-09       fe2d3818  The launch of ExoMars was targeted for September 2022.
          2022-02-28       status: planned -> at_risk        e5e05089  ESA said a September launch of ExoMars had become very unlikely, because of the sanctions on Russia and the invasion of Ukraine.
          ? dated in part outside the window: it may or may not lie within it
        Venera-D (venera-d)
          DATE                   CHANGE                                                   EVENT     SUMMARY
          ../2022-02-24 ?        roscosmos (lead): - -> active                            cd91d6b6  Russia leads the Venera-D mission to Venus.
          ../2022-02-24 ?        nasa (partner): - -> prospective                         944bd002  American and Russian scientists had discussed a possible role for NASA on Venera-D.
          ../2022-02-24 ?        status: - -> delayed                                     148c6632  Venera-D had gone through extensive delays.
          2022-02-24/2022-03-01  nasa (partner): prospective -> withdrawn (by roscosmos)  45c0e342  After the invasion of Ukraine, Rogozin said the United States could have no part in Venera-D any more, which ended NASA's prospective role.
          2022-02-24/2022-03-01  note                                                     c1322236  The article expects that missions like Venera-D might turn to China instead of the United States; it names no Chinese part in Venera-D.
          ? dated in part outside the window: it may or may not lie within it
        Luna 27 (luna-27)
          DATE             CHANGE                         EVENT     SUMMARY
          ../2022-03-01 ?  roscosmos (lead): - -> active  a3c456ea  Russia leads Luna 27.
          ../2022-03-01 ?  status: - -> planned           f116e2ee  Luna 27 is an upcoming mission, the subject of cooperation agreements.
          ../2022-03-01 ?  cnsa (partner): - -> active    e82e4115  In recent years Russia and China agreed to cooperate on Luna 27.
          ? dated in part outside the window: it may or may not lie within it
        Chang'e-6 (change-6)
          DATE             CHANGE                            EVENT     SUMMARY
          ../2022-03-01 ?  cnsa (lead): - -> active          4f415b37  China leads Chang'e-6.
          ../2022-03-01 ?  status: - -> planned              9a154983  Chang'e-6 is an upcoming mission, the subject of cooperation agreements.
          ../2022-03-01 ?  roscosmos (partner): - -> active  2302b9c7  In recent years China and Russia agreed to cooperate on Chang'e-6.
          ? dated in part outside the window: it may or may not lie within it
        Chang'e-7 (change-7)
          DATE             CHANGE                            EVENT     SUMMARY
          ../2022-03-01 ?  cnsa (lead): - -> active          17dbf5d8  China leads Chang'e-7.
          ../2022-03-01 ?  status: - -> planned              018506ff  Chang'e-7 is an upcoming mission, the subject of cooperation agreements.
          ../2022-03-01 ?  roscosmos (partner): - -> active  cc015005  In recent years China and Russia agreed to cooperate on Chang'e-7.
          ? dated in part outside the window: it may or may not lie within it
        International Lunar Research Station (ilrs)
          DATE                   CHANGE  EVENT     SUMMARY
          2022-02-24/2022-03-01  note    28d09534  Sanctions, expected to hit Russia's space work hard, cast doubt on what part each country will play in the ILRS.
        Soyuz at the Guiana Space Centre (soyuz-kourou)
          DATE             CHANGE                                    EVENT     SUMMARY
          ../2022-02-24 ?  roscosmos (partner): - -> active          956ce7f3  Roscosmos worked with European partners to organise launches from French Guiana.
          ../2022-02-24 ?  status: - -> operating                    419da68d  Russia's launches from French Guiana with its European partners were going on before the invasion of Ukraine.
          2022-02-26       roscosmos (partner): active -> suspended  1a19a71d  Roscosmos put its work with European partners on launches from French Guiana on hold, it said in two tweets that cited Rogozin.
          2022-02-26       status: operating -> suspended            15913564  With Roscosmos's part on hold, Russia's launches from French Guiana were suspended.
          ? dated in part outside the window: it may or may not lie within it
        International Space Station (iss)
          DATE                   CHANGE                            EVENT     SUMMARY
          ../2022-02-24 ?        status: - -> operating            4d9b168b  The International Space Station was in operation before the invasion of Ukraine, and remains so.
          ../2022-02-24 ?        roscosmos (partner): - -> active  22bdbe2f  Russia is a partner in the International Space Station, where its cooperation goes on.
          2022-02-24/2022-03-01  note                              4b2b23f0  After the invasion of Ukraine, work on the ISS went on as usual, though Russia's cooperation elsewhere quickly came to an end.
          ? dated in part outside the window: it may or may not lie within it
        """

    Scenario: The ILRS roadmap of June 2021 set a launch target for the early 2030s
      The roadmap dates the launch target; the proposal and its two partners are known
      only to date from June 2021 or before, so they are only possibly changes of 2021.

      When I type `missions changes --from 2021-01-01 --to 2021-12-31 --mission ilrs --json`
      Then the changes are, by mission:
        | mission | date       | within   | subject       | partner   | from | to         |
        | ilrs    | ../2021-06 | possibly | status        | -         | -    | proposed   |
        | ilrs    | ../2021-06 | possibly | partner       | cnsa      | -    | active     |
        | ilrs    | ../2021-06 | possibly | partner       | roscosmos | -    | active     |
        | ilrs    | 2021-06    | surely   | target_launch | -         | -    | 2030/2034~ |

    Scenario: What is known only to have happened on or before a day is counted in a range, marked
      The article says ExoMars was planned for September 2022 before the invasion, but
      not since when: that may or may not have happened in the days just before it.

      When I type `missions changes --from 2022-02-20 --to 2022-02-24 --mission exomars`
      Then I see:
        """
        ExoMars (exomars)
          DATE             CHANGE                            EVENT     SUMMARY
          ../2022-02-24 ?  esa (lead): - -> active           619ad89d  ESA leads ExoMars, which the article calls the agency's own mission.
          ../2022-02-24 ?  roscosmos (partner): - -> active  0614fb6a  Russia takes part in ExoMars: ESA ties the mission's launch to the sanctions on Russia.
          ../2022-02-24 ?  status: - -> planned              5df50f1d  ExoMars was planned to launch in September 2022.
          ../2022-02-24 ?  launch target: - -> 2022-09       fe2d3818  The launch of ExoMars was targeted for September 2022.
          ? dated in part outside the window: it may or may not lie within it
        """

    Scenario: A change that may have come after the end of a range is marked
      Russia ruled NASA out of Venera-D some time from 24 February to 1 March 2022: it
      is only possibly a change of the last days of February.

      When I type `missions changes --from 2022-02-24 --to 2022-02-28 --mission venera-d --json`
      Then the changes are, by mission:
        | mission  | date                  | within   | subject | partner   | from        | to          |
        | venera-d | ../2022-02-24         | possibly | partner | roscosmos | -           | active      |
        | venera-d | ../2022-02-24         | possibly | partner | nasa      | -           | prospective |
        | venera-d | ../2022-02-24         | possibly | status  | -         | -           | delayed     |
        | venera-d | 2022-02-24/2022-03-01 | possibly | partner | nasa      | prospective | withdrawn   |
        | venera-d | 2022-02-24/2022-03-01 | possibly | note    | -         | -           | -           |
      When I type `missions changes --from 2022-02-24 --to 2022-02-28 --json`
      Then the changes surely within the range are, by mission:
        | mission      | date       | subject | partner   | from      | to        |
        | exomars      | 2022-02-28 | status  | -         | planned   | at_risk   |
        | soyuz-kourou | 2022-02-26 | partner | roscosmos | active    | suspended |
        | soyuz-kourou | 2022-02-26 | status  | -         | operating | suspended |

  Rule: Who had a part in what, on a day

    Scenario: The partners of every mission the day of the article
      When I type `missions partners --at 2022-03-01 --json`
      Then the partners are, by mission:
        | partner   | exomars | venera-d           | luna-27 | change-6 | change-7 | ilrs | soyuz-kourou       | iss     |
        | cnsa      | -       | -                  | partner | lead     | lead     | lead | -                  | -       |
        | esa       | lead    | -                  | -       | -        | -        | -    | -                  | -       |
        | nasa      | -       | partner, withdrawn | -       | -        | -        | -    | -                  | -       |
        | roscosmos | partner | lead               | lead    | partner  | partner  | lead | partner, suspended | partner |

    Scenario: The same table, for people to read, the day after the invasion
      Missions that nobody is yet known to take part in are left out.

      When I type `missions partners --at 2022-02-25`
      Then I see:
        """
        Partners on 2022-02-25
        PARTNER    EXOMARS  VENERA-D              ILRS  SOYUZ-KOUROU  ISS
        cnsa       -        -                     lead  -             -
        esa        lead     -                     -     -             -
        nasa       -        partner, prospective  -     -             -
        roscosmos  partner  lead                  lead  partner       partner
        """

    Scenario: Which missions had China as a partner the week after the invasion?
      When I list the missions in which "cnsa" had a part on 2022-03-01
      Then the missions are, in order:
        | mission  | status   | partners        |
        | luna-27  | planned  | roscosmos, cnsa |
        | change-6 | planned  | cnsa, roscosmos |
        | change-7 | planned  | cnsa, roscosmos |
        | ilrs     | proposed | cnsa, roscosmos |

    Scenario: The day after the invasion, China was known to have a part only in the ILRS
      When I list the missions in which "cnsa" had a part on 2022-02-25
      Then the missions are, in order:
        | mission | status   |
        | ilrs    | proposed |

    Scenario Outline: The missions in which a partner had a given standing
      When I list the missions in which "<partner>" was <standing> on 2022-03-01
      Then the missions are, in order:
        | mission   |
        | <mission> |

      Examples:
        | partner   | standing  | mission      |
        | nasa      | withdrawn | venera-d     |
        | roscosmos | suspended | soyuz-kourou |

    Scenario: The missions in which ESA was an active partner: the article names it only in ExoMars
      When I list the missions in which "esa" was active on 2022-03-01
      Then the missions are, in order:
        | mission | status  |
        | exomars | at_risk |

    Scenario Outline: A question about partners that cannot be answered
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"

      Examples:
        | command                                            | error                                                                                                                                                                      |
        | missions list --standing suspended --at 2022-03-01 | Error: --standing needs --partner                                                                                                                                          |
        | missions list --partner china --at 2022-03-01      | Error: unknown partner 'china'; did you mean: cnsa?                                                                                                                        |
        | missions list --partner spacex --at 2022-03-01     | Error: unknown partner 'spacex'; known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa, glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa |
        | missions changes --mission exomar                  | Error: unknown mission 'exomar'; did you mean: exomars?                                                                                                                    |
