Feature: Bad input
  A mistake is refused with one line on stderr that says what would do, and nothing
  is written: the store is exactly as it was, row for row. The exit code is 2 for a
  command typed wrongly and 1 for a fact that cannot be true as given.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Rule: A name that matches no mission is refused, with the closest known names

    Scenario Outline: An unknown mission
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                                                                                     | error                                                                                                                                |
        | missions status exomar --at 2022-03-01                                                                                      | Error: unknown mission 'exomar'; did you mean: exomars?                                                                              |
        | missions status "Luna 25" --at 2022-03-01                                                                                   | Error: unknown mission 'Luna 25'; did you mean: luna-27?                                                                             |
        | missions record "Chang'e 5" noted --on 2022-03-01 --source "CNSA" --summary "Chang'e-5 brought back samples from the Moon." | Error: unknown mission "Chang'e 5"; did you mean: change-6, change-7?                                                                |
        | missions log "Mars Sample Return"                                                                                           | Error: unknown mission 'Mars Sample Return'; known missions: change-6, change-7, exomars, ilrs, iss, luna-27, soyuz-kourou, venera-d |

  Rule: A malformed date is refused, with the forms that are accepted

    Scenario Outline: A malformed date
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"
      And nothing has been written to the store

      Examples: When a fact happened, in EDTF
        | command                                                                                        | error                                                                                                                                                                                  |
        | missions record exomars status-changed --status at_risk --on 2022-02-30 --source "ESA"         | Error: '2022-02-30' is not a valid EDTF date; accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain), 2021-06~ (approximate), ../2022-03-01 (on or before)       |
        | missions record exomars status-changed --status at_risk --on "28 February 2022" --source "ESA" | Error: '28 February 2022' is not a valid EDTF date; accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain), 2021-06~ (approximate), ../2022-03-01 (on or before) |
        | missions record exomars status-changed --status at_risk --on 2022-03/2022-02 --source "ESA"    | Error: '2022-03/2022-02' ends before it begins; accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain), 2021-06~ (approximate), ../2022-03-01 (on or before)     |
        | missions record exomars launch-target-changed --target 2022-13 --on 2022-02-28 --source "ESA"  | Error: '2022-13' is not a valid EDTF date; accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain), 2021-06~ (approximate), ../2022-03-01 (on or before)          |

      Examples: The day asked about, or a report's publication date, as YYYY-MM-DD
        | command                                                                                                                    | error                                                                    |
        | missions status exomars --at 2022-02-30                                                                                    | Error: '2022-02-30' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01 |
        | missions list --at 2022-3-1                                                                                                | Error: '2022-3-1' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01   |
        | missions record exomars noted --on 2022-03-01 --source "SpaceNews" --source-date 1/3/2022 --summary "ExoMars was at risk." | Error: '1/3/2022' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01   |

  Rule: A word the tracker does not know is refused, with the words it knows

    Scenario Outline: An unknown status, role, standing, partner or kind
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                                                                               | error                                                                                                                                                                                                |
        | missions record exomars status-changed --status postponed --on 2022-03-17 --source "ESA"                              | Error: Invalid value for '--status': 'postponed' is not one of 'proposed', 'planned', 'at_risk', 'delayed', 'suspended', 'cancelled', 'launched', 'operating', 'completed', 'failed'. Try 'missions record --help'.                |
        | missions record exomars partner-joined --partner nasa --role leader --on 2024-05-16 --source "ESA"                    | Error: Invalid value for '--role': 'leader' is not one of 'lead', 'partner', 'contributor'; did you mean: lead? Try 'missions record --help'.                                                                                       |
        | missions record exomars partner-standing-changed --partner roscosmos --standing paused --on 2022-03-17 --source "ESA" | Error: Invalid value for '--standing': 'paused' is not one of 'active', 'prospective', 'suspended', 'withdrawn'. Try 'missions record --help'.                                                                                     |
        | missions record exomars partner-joined --partner spacex --role partner --on 2024-05-16 --source "ESA"                 | Error: unknown partner 'spacex'; known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa, glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa                           |
        | missions record exomars partner-replaced --partner roscosmos --by spacex --on 2024-05-16 --source "ESA"               | Error: unknown partner 'spacex'; known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa, glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa                           |
        | missions record exomars launched --on 2028 --source "ESA"                                                             | Error: Invalid value for 'KIND': 'launched' is not one of 'status-changed', 'partner-joined', 'partner-withdrawn', 'partner-replaced', 'partner-standing-changed', 'partner-role-changed', 'launch-target-changed', 'milestone', 'contribution-added', 'contribution-removed', 'programme-joined', 'programme-left', 'noted'. Try 'missions record --help'. |
        | missions record exomars note --on 2028 --source "ESA"                                                                 | Error: Invalid value for 'KIND': 'note' is not one of 'status-changed', 'partner-joined', 'partner-withdrawn', 'partner-replaced', 'partner-standing-changed', 'partner-role-changed', 'launch-target-changed', 'milestone', 'contribution-added', 'contribution-removed', 'programme-joined', 'programme-left', 'noted'; did you mean: noted? Try 'missions record --help'. |

  Rule: A fact must say when it happened, who reported it and what it changed

    Scenario Outline: A fact that says too little, or the wrong things
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                                                                | error                                                                                           |
        | missions record exomars status-changed --status suspended --on 2022-03-17                              | Error: Missing option '--source'. Try 'missions record --help'.                                                               |
        | missions record exomars status-changed --status suspended --on 2022-03-17 --source "  "                | Error: --source is empty; say who reported it, e.g. 'ESA, 17 March 2022'                        |
        | missions record exomars status-changed --status suspended --source "ESA"                               | Error: Missing option '--on'. Try 'missions record --help'.                                                                   |
        | missions record exomars status-changed --on 2022-03-17 --source "ESA"                                  | Error: status-changed needs --status                                                            |
        | missions record exomars partner-replaced --partner roscosmos --on 2024-05-16 --source "ESA"            | Error: partner-replaced needs --by                                                              |
        | missions record exomars status-changed --status suspended --partner esa --on 2022-03-17 --source "ESA" | Error: status-changed does not take --partner; it takes --status, --by-party                                |
        | missions record iss noted --on 2022-03-02 --source "SpaceNews"                                         | Error: noted needs --summary: say what happened, in one sentence                                |
        | missions register "Luna 25" --name "Luna 25" --on 2023-08-10 --source "Roscosmos"                      | Error: invalid slug 'Luna 25'; use lower-case letters, digits and single hyphens, e.g. venera-d |

  Rule: A fact that cannot be true as given is refused with exit code 1

    Scenario Outline: A fact at odds with what was true on its date
      When I type `<command>`
      Then I am refused with exit code 1
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                                                                 | error                                                                                                                                                                                       |
        | missions record exomars partner-withdrawn --partner nasa --on 2022-03-01 --source "ESA"                 | Error: nasa is not a partner of exomars on 2022-03-01; record partner-joined first                                                                                                          |
        | missions record venera-d partner-withdrawn --partner nasa --on 2022-03-05 --source "Roscosmos"          | Error: nasa is no longer a partner of venera-d on 2022-03-05: it left on 2022-02-24/2022-03-01, as recorded (it withdrew); date this fact before that, or record partner-joined again first |
        | missions record venera-d partner-replaced --partner nasa --by cnsa --on 2022-03-05 --source "Roscosmos" | Error: nasa is no longer a partner of venera-d on 2022-03-05: it left on 2022-02-24/2022-03-01, as recorded (it withdrew); date this fact before that, or record partner-joined again first |
        | missions record exomars partner-joined --partner esa --role lead --on 2022-03-01 --source "ESA"         | Error: esa is already a partner of exomars on 2022-03-01 (lead, active)                                                                                                                     |
        | missions record exomars partner-replaced --partner esa --by esa --on 2022-03-01 --source "ESA"          | Error: a partner cannot replace itself: esa                                                                                                                                                 |
        | missions register rover --name "Rosalind Franklin" --on 2022 --source "ESA"                             | Error: 'Rosalind Franklin' already names exomars; choose another                                                                                                                            |
        | missions register msr --name "Mars Sample Return" --alias "ce 7" --on 2022 --source "NASA"              | Error: 'ce 7' already names change-7; choose another                                                                                                                                        |

    Scenario: A quote of 25 words or more is refused
      When I type `missions record exomars noted --on 2022-03-01 --source "Example" --summary "A made-up quote, to show the limit." --quote "the rover will not fly this year, and we are now looking at every other way to reach Mars with the help of new partners"`
      Then I am refused with exit code 1
      And the error reads "Error: a quote must be under 25 words (this one has 25); say the rest in the summary, in our own words"
      And nothing has been written to the store
