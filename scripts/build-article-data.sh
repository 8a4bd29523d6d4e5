#!/usr/bin/env bash
# Rebuilds data/ (the facts of the October 2025 article in shared/seeds/) with
# mercato's own commands: bash scripts/build-article-data.sh data
# Dates of birth and contracts beyond the article are real; start dates that
# are not certain are left unknown.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DATA_DIR" >&2; exit 2; }
M="${MERCATO:-./target/debug/mercato} --data-dir "$1" --as-of 2025-10-20"
# Contract dates: --since is the first day in force, --signed the day the club
# announced it (sources below); a date that is not certain is left unknown
# (an unknown start runs from the end of the previous contract, an unknown
# signing day is always known). The day this script runs is neither.
#   Konaté: Liverpool announced the move from Leipzig on 2021-05-28, from 2021-07-01.
#   Van Dijk: from Southampton, announced 2017-12-27, from 2018-01-01 (his 2021
#     extension ran to 2025-06-30); the extension to 2027 announced 2025-04-17.
#   Upamecano: Bayern announced the move from Leipzig on 2021-02-15, from 2021-07-01.
#   Alaba: Real Madrid announced him on 2021-05-28, from 2021-07-01.
#   Rüdiger: Real Madrid announced him on 2022-06-02, from 2022-07-01.
#   Militão: at Real Madrid since 2019-07-01 (from Porto, announced 2019-03-14);
#     the contract to 2028 is his extension, whose day is not recorded here.
#   Huijsen: at Bournemouth (from Juventus) on a contract to 2029; Real Madrid
#     announced the deal on 2025-05-14; he joined on 2025-06-01 (the June
#     registration window before the Club World Cup; Transfermarkt's move date).
#   Alexander-Arnold: at Liverpool until his contract's end, 2025-06-30; Real
#     Madrid announced him on 2025-05-30 and he joined early, on 2025-06-01
#     (Liverpool released him for the Club World Cup; Transfermarkt's move date).
#   Carreras: Real Madrid announced the deal with Benfica on 2025-07-14.
rm -rf "$1"; ${MERCATO:-./target/debug/mercato} init "$1" >/dev/null
$M club add Liverpool --country England --league "Premier League" --coach "Arne Slot" --alias LFC --alias "The Reds" --alias Reds
$M club add "Real Madrid" --country Spain --league "La Liga" --coach "Xabi Alonso" --alias Real --alias Madrid --alias "Los Blancos"
$M club add "Bayern Munich" --country Germany --league Bundesliga --alias Bayern --alias "FC Bayern" --alias "Bayern München"
$M club add "RB Leipzig" --country Germany --league Bundesliga --alias Leipzig
$M club add Bournemouth --country England --league "Premier League" --alias "AFC Bournemouth"
$M source add "L'Equipe" --tier 2 --country France --alias "L'Équipe"
$M source add "Spanish media" --country Spain
$M source add Fichajes --tier 5 --country Spain --alias fichajes.net
$M player add "Ibrahima Konaté" --born 1999-05-25 --position CB --nationality France --caps 25 --foot right --club Liverpool --since 2021-07-01 --until 2026-06-30 --signed 2021-05-28 --from "RB Leipzig"
$M player add "Virgil van Dijk" --born 1991-07-08 --position CB --nationality Netherlands --foot right --club Liverpool --since 2018-01-01 --until 2025-06-30 --signed 2017-12-27 --notes "Liverpool captain; extension announced 2025-04-17"
$M contract set "van dijk" --club Liverpool --until 2027-06-30 --signed 2025-04-17
$M player add "Dayot Upamecano" --born 1998-10-27 --position CB --nationality France --foot right --club "Bayern Munich" --since 2021-07-01 --until 2026-06-30 --signed 2021-02-15 --from "RB Leipzig"
$M player add "David Alaba" --born 1992-06-24 --position CB --also LB --nationality Austria --foot left --club "Real Madrid" --since 2021-07-01 --until 2026-06-30 --signed 2021-05-28
$M player add "Antonio Rüdiger" --born 1993-03-03 --position CB --nationality Germany --foot right --club "Real Madrid" --since 2022-07-01 --until 2026-06-30 --signed 2022-06-02
$M player add "Dean Huijsen" --born 2005-04-14 --position CB --nationality Spain --foot right --club Bournemouth --until 2029-06-30 --notes "Spain international; joined in summer 2025"
$M contract set huijsen --club "Real Madrid" --since 2025-06-01 --until 2030-06-30 --signed 2025-05-14 --from Bournemouth
$M player add "Éder Militão" --born 1998-01-18 --position CB --also RB --nationality Brazil --foot right --club "Real Madrid" --since 2019-07-01 --until 2028-06-30 --notes "At Real Madrid since 2019 (from Porto)"
$M player add "Trent Alexander-Arnold" --born 1998-10-07 --position RB --also CM --nationality England --foot right --club Liverpool --until 2025-06-30 --notes "Joined in summer 2025"
$M contract set "alexander-arnold" --club "Real Madrid" --since 2025-06-01 --until 2031-06-30 --signed 2025-05-30 --from Liverpool
$M player add "Álvaro Carreras" --born 2003-03-23 --position LB --nationality Spain --foot left --club "Real Madrid" --until 2031-06-30 --signed 2025-07-14 --notes "Joined in summer 2025"
$M rumour add konate --renewal --source "L'Equipe" --date 2025-10-19 --status talks --note "Liverpool chiefs confident Konaté will sign a new deal; talks ongoing for over a year"
$M rumour add konate --renewal --source "Spanish media" --date 2025-10-20 --note "Backs up L'Equipe: Konaté expected to extend his stay"
$M rumour add konate --to "Real Madrid" --source "Spanish media" --date 2025-10-20 --against --note "Xabi Alonso has decided to abandon plans to sign Konaté; Upamecano is plan B"
$M rumour add konate --to "Real Madrid" --source Fichajes --date 2025-10-20 --against --status off --note "A seeming verbal agreement undone by errors in key matches; no definitive rupture, but no longer a priority"
$M rumour add upamecano --to "Real Madrid" --source "Spanish media" --date 2025-10-20 --note "Real Madrid fix their gaze on Upamecano as plan B"
$M rumour add upamecano --to "Real Madrid" --source Fichajes --date 2025-10-20 --note "Madrid very much chasing a move for Upamecano, a younger upgrade to compete with Militão"
$M rumour add upamecano --renewal --source "Spanish media" --date 2025-10-20 --against --status off --note "Negotiations over a new deal at the Allianz Arena have ground to a halt"
$M rumour add alaba --leaving --source Fichajes --date 2025-10-20 --note "Set to leave as a free agent next summer; Alonso plans to say goodbye to the ageing duo"
$M rumour add rudiger --leaving --source Fichajes --date 2025-10-20 --note "Set to leave as a free agent next summer; Alonso plans to say goodbye to the ageing duo"
# A fresh world has nothing to undo.
rm -rf "$1/.mercato"
