//! What each command does, in terms of the library: resolve names, ask or
//! change, render. No logic of its own beyond choosing text or JSON.

use crate::cli::{
    ClubCommand, Command, ContractCommand, DepthView, ImportCommand, PlayerCommand, RumourCommand,
    SortArg, SourceCommand,
};
use chrono::NaiveDate;
use mercato::edit::{self, Move, NewClub, NewContract, NewPlayer, NewReport, NewSource, NewStatus};
use mercato::model::{Currency, Fee, Slot, Stance};
use mercato::query::rumours::{Assessor, SortBy};
use mercato::query::{depth, digest, expiring, records, rumours, timeline};
use mercato::render::Style;
use mercato::{Error, Result, Store, World, render};
use std::mem::ManuallyDrop;
use std::path::PathBuf;

/// A world that is not freed (see `Context::read`).
type Kept = ManuallyDrop<World>;

/// What every command needs: where the data is, the day, how to print.
pub struct Context {
    pub data_dir: PathBuf,
    pub as_of: NaiveDate,
    pub json: bool,
    pub style: Style,
    /// The command line, as recorded in the change log.
    pub command_line: String,
    pub lock_timeout: std::time::Duration,
}

/// What a command printed.
#[derive(Default)]
pub struct Output {
    pub stdout: String,
    /// Side remarks for stderr ("created source X").
    pub notes: Vec<String>,
    /// The command ran but found a problem (`check`): exit 1.
    pub failed: bool,
}

impl Output {
    fn text(stdout: String) -> Output {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

impl Context {
    fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.data_dir)?.with_lock_timeout(self.lock_timeout))
    }

    // Worlds are handed out as `ManuallyDrop`: the process ends right after
    // the command, and freeing a hundred thousand records one by one would
    // cost a tenth of the run for nothing.

    /// Every record, every rumour in full.
    fn read(&self) -> Result<Kept> {
        Ok(ManuallyDrop::new(self.store()?.read()?))
    }

    /// Every record, rumours in brief: enough for most questions, and fast.
    fn read_brief(&self) -> Result<Kept> {
        Ok(ManuallyDrop::new(
            self.store()?.read_index(|_, _| Ok(()))?.0,
        ))
    }

    /// Rumours in brief, then `then` reads in full the shards it needs.
    fn read_with<T>(
        &self,
        then: impl FnOnce(&Store, &mut World) -> Result<T>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_index(then)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// A read-modify-write; nothing is written unless `change` succeeds.
    /// `change` reads in full the rumour shards it changes.
    fn write<T>(&self, change: impl FnOnce(&Store, &mut World) -> Result<T>) -> Result<(Kept, T)> {
        let store = self.store()?;
        let (world, t) = store.change(&self.command_line, self.as_of, |w| change(&store, w))?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// JSON or text.
    fn show<T: serde::Serialize + ?Sized>(
        &self,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> Output {
        Output::text(if self.json {
            render::json(value)
        } else {
            text()
        })
    }
}

/// Runs one command. `completions` and `man` are handled by the caller.
pub fn run(ctx: &Context, command: Command) -> Result<Output> {
    match command {
        Command::Rumour(c) => rumour(ctx, c),
        Command::Contract(c) => contract(ctx, c),
        Command::Club(c) => club(ctx, c),
        Command::Player(c) => player(ctx, c),
        Command::Source(c) => source(ctx, c),
        Command::Export { out } => {
            let world = ctx.read()?;
            let bundle = mercato::bundle::export(&world);
            let mut bytes = serde_json::to_vec_pretty(&bundle)
                .map_err(|e| Error::Refused(format!("cannot encode the bundle: {e}")))?;
            bytes.push(b'\n');
            match out {
                Some(path) => {
                    mercato::store::atomic::write_atomic(&path, &bytes)?;
                    let mut o = Output::default();
                    o.notes.push(format!(
                        "exported {} clubs, {} sources, {} players, {} rumours to {}",
                        bundle.clubs.len(),
                        bundle.sources.len(),
                        bundle.players.len(),
                        bundle.rumours.len(),
                        path.display()
                    ));
                    Ok(o)
                }
                None => Ok(Output::text(String::from_utf8_lossy(&bytes).into_owned())),
            }
        }
        Command::Import(ImportCommand::Bundle { file, dry_run }) => {
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let bundle = mercato::bundle::parse(&bytes, &file)?;
            let apply = |w: &mut World| -> Result<mercato::bundle::ImportCounts> {
                let counts = mercato::bundle::import(w, bundle)?;
                let problems = mercato::check::check_world(&ctx.store()?, w, ctx.as_of);
                if let Some(p) = problems.first() {
                    return Err(Error::Refused(format!(
                        "the bundle would leave {} problem(s), e.g. {}: {}; nothing imported",
                        problems.len(),
                        p.file,
                        p.message
                    )));
                }
                Ok(counts)
            };
            let counts = if dry_run {
                let mut world = ctx.read()?;
                apply(&mut world)?
            } else {
                ctx.write(|store, w| {
                    store.load_all_rumours(w)?;
                    apply(w)
                })?
                .1
            };
            Ok(ctx.show(&counts, || {
                format!(
                    "{}{} new, {} updated, {} unchanged, {} skipped\n",
                    if dry_run { "dry run: " } else { "" },
                    counts.new,
                    counts.updated,
                    counts.unchanged,
                    counts.skipped
                )
            }))
        }
        Command::Import(ImportCommand::Transfermarkt {
            players,
            clubs,
            dry_run,
        }) => import_rows(ctx, dry_run, |w, progress| {
            mercato::import::transfermarkt::import(
                w,
                clubs.as_deref(),
                players.as_deref(),
                ctx.as_of,
                progress,
            )
        }),
        Command::Import(ImportCommand::Wyscout { file, dry_run }) => {
            import_rows(ctx, dry_run, |w, progress| {
                mercato::import::wyscout::import(w, &file, ctx.as_of, progress)
            })
        }
        Command::Digest { since } => {
            let world = ctx.read()?;
            let assessor = Assessor::new(&world, ctx.as_of);
            let d = digest::digest(&world, &assessor, since);
            Ok(ctx.show(&d, || render::rumours::digest(&d, ctx.style)))
        }
        Command::Check => check(ctx),
        Command::Undo => {
            let undone = ctx.store()?.undo()?;
            Ok(ctx.show(&undone, || {
                format!(
                    "Undid change {}: {} ({} file{})\n",
                    undone.seq,
                    undone.command,
                    undone.files.len(),
                    if undone.files.len() == 1 { "" } else { "s" }
                )
            }))
        }
        Command::Log => {
            let lines = ctx.store()?.log()?;
            Ok(ctx.show(&lines, || render::records::log(&lines, ctx.style)))
        }
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| ctx.data_dir.clone());
            let store = Store::init(&dir)?;
            let path = store.dir().display().to_string();
            Ok(ctx.show(&serde_json::json!({ "data_dir": path }), || {
                format!("Initialised a mercato data directory in {path}\n")
            }))
        }
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => {
            let read = |p: &PathBuf| std::fs::read(p).map_err(|e| Error::io(p, e));
            let name = path.unwrap_or_else(|| ours.display().to_string());
            let merged =
                mercato::merge::merge_files(&read(&base)?, &read(&ours)?, &read(&theirs)?, &name)?;
            mercato::store::atomic::write_atomic(&ours, &merged)?;
            Ok(Output::default())
        }
        Command::Completions { .. } | Command::Man => Ok(Output::default()),
    }
}

/// Writes an SVG picture (atomically) and says where.
fn write_picture(path: &std::path::Path, svg: &str, out: &mut Output) -> Result<()> {
    mercato::store::atomic::write_atomic(path, svg.as_bytes())?;
    out.notes.push(format!("wrote {}", path.display()));
    Ok(())
}

/// Runs an importer (on a copy, for a dry run), with a progress bar on a
/// terminal, and reports counts and bad rows.
fn import_rows(
    ctx: &Context,
    dry_run: bool,
    import: impl FnOnce(&mut World, mercato::import::Progress) -> Result<mercato::import::ImportReport>,
) -> Result<Output> {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("rows read");
        bar
    });
    let progress = |rows: u64| {
        if let Some(bar) = &bar
            && rows.is_multiple_of(256)
        {
            bar.set_position(rows);
        }
    };
    let report = if dry_run {
        let mut world = ctx.read_brief()?;
        import(&mut world, &progress)?
    } else {
        ctx.write(|_, w| import(w, &progress))?.1
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut out = ctx.show(&report, || {
        format!(
            "{}{}\n",
            if dry_run {
                "dry run, nothing written: "
            } else {
                ""
            },
            mercato::import::transfermarkt::summary(&report)
        )
    });
    for p in report.problems.iter().take(20) {
        out.notes
            .push(format!("skipped {}:{}: {}", p.file, p.line, p.message));
    }
    if !report.warnings.is_empty() {
        out.notes.push(format!(
            "{} row(s) imported in part, e.g. {}:{}: {}",
            report.warnings.len(),
            report.warnings[0].file,
            report.warnings[0].line,
            report.warnings[0].message
        ));
    }
    if report.problems.len() > 20 {
        out.notes.push(format!(
            "... and {} more skipped rows (see --json)",
            report.problems.len() - 20
        ));
    }
    Ok(out)
}

fn parse_fee(text: &str, currency: Option<&str>) -> Result<Fee> {
    let default = match currency {
        Some(c) => Currency::parse(c)
            .ok_or_else(|| Error::Refused(format!("unknown currency '{c}' (EUR, GBP or USD)")))?,
        None => Currency::EUR,
    };
    Fee::parse(text, default).map_err(Error::Refused)
}

fn rumour(ctx: &Context, command: RumourCommand) -> Result<Output> {
    match command {
        RumourCommand::Add(a) => {
            let target = match (a.to, a.renewal) {
                (Some(club), _) => Move::To(club),
                (None, true) => Move::Renewal,
                (None, false) => Move::Leaving,
            };
            let fee = a
                .fee
                .as_deref()
                .map(|f| parse_fee(f, a.currency.as_deref()))
                .transpose()?;
            let new = NewReport {
                player: a.player,
                target,
                source: a.source,
                date: a.date,
                status: a.status.map(Into::into),
                stance: if a.against {
                    Stance::Against
                } else {
                    Stance::For
                },
                via: a.via,
                fee,
                loan: a.loan,
                option_to_buy: a.option_to_buy,
                note: a.note,
                url: a.url,
            };
            let (world, added) = ctx.write(|store, w| {
                let player = w.find_player(&new.player)?;
                store.load_rumours_of(w, &player)?;
                edit::add_report(w, new, ctx.as_of)
            })?;
            let assessor = Assessor::new(&world, ctx.as_of);
            let view = rumours::view(&world, &assessor, &world.rumours[&added.rumour]);
            let mut out = ctx.show(&view, || {
                let verb = if added.new_rumour {
                    "New rumour"
                } else {
                    "Added a report to rumour"
                };
                format!(
                    "{verb} {}: {}, {} ({}, {} report{} from {} source{}, likelihood {}%)\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    view.status,
                    view.reports.len(),
                    if view.reports.len() == 1 { "" } else { "s" },
                    view.sources,
                    if view.sources == 1 { "" } else { "s" },
                    view.likelihood,
                )
            });
            for source in added.new_sources {
                out.notes.push(format!(
                    "'{}' was not a known source; added it with an unknown tier (set one with `mercato source set {source} --tier N`)",
                    world.source_name(&source)
                ));
            }
            Ok(out)
        }
        RumourCommand::List(l) => {
            let min_fee_eur = l
                .min_fee
                .as_deref()
                .map(|f| parse_fee(f, None).map(|fee| fee.total_eur()))
                .transpose()?;
            let (world, filter) = ctx.read_with(|store, world| {
                let filter = rumours::RumourFilter {
                    player: l.player.map(|p| world.find_player(&p)).transpose()?,
                    club: l.club.map(|c| world.find_club(&c)).transpose()?,
                    status: l.status.map(Into::into),
                    since: l.since,
                    source: l.source.map(|s| world.find_source(&s)).transpose()?,
                    min_tier: l.min_tier,
                    open: l.open,
                    min_fee_eur,
                    sort: match l.sort {
                        SortArg::Recent => SortBy::Recent,
                        SortArg::Likelihood => SortBy::Likelihood,
                        SortArg::Player => SortBy::Player,
                    },
                };
                // Read in full only the shards holding matching rumours.
                if filter.needs_reports() {
                    store.load_all_rumours(world)?;
                }
                let shards: std::collections::BTreeSet<String> = rumours::matching(world, &filter)
                    .iter()
                    .map(|s| mercato::world::shard_of(&s.player))
                    .collect();
                store.load_rumour_shards(world, shards.iter().map(String::as_str))?;
                Ok(filter)
            })?;
            let mut assessor = Assessor::new(&world, ctx.as_of);
            assessor.reheat_days = l.reheat_days;
            let list = rumours::list(&world, &assessor, &filter);
            Ok(ctx.show(&list, || render::rumours::list(&list, ctx.style)))
        }
        RumourCommand::Show { id, reheat_days } => {
            let (world, id) = ctx.read_with(|store, w| {
                let id = w.find_rumour(&id)?;
                if let Some(player) = w.summary(&id).map(|s| s.player.clone()) {
                    store.load_rumours_of(w, &player)?;
                }
                Ok(id)
            })?;
            let mut assessor = Assessor::new(&world, ctx.as_of);
            assessor.reheat_days = reheat_days;
            let view = rumours::view(&world, &assessor, &world.rumours[&id]);
            Ok(ctx.show(&view, || render::rumours::detail(&view, ctx.style)))
        }
        RumourCommand::Update {
            id,
            status,
            date,
            note,
            source,
        } => {
            let change = NewStatus {
                status: status.into(),
                date,
                note,
                source,
            };
            let (world, id) = ctx.write(|store, w| {
                let found = w.find_rumour(&id)?;
                if let Some(player) = w.summary(&found).map(|s| s.player.clone()) {
                    store.load_rumours_of(w, &player)?;
                }
                edit::update_rumour(w, &id, change, ctx.as_of)
            })?;
            let assessor = Assessor::new(&world, ctx.as_of);
            let view = rumours::view(&world, &assessor, &world.rumours[&id]);
            Ok(ctx.show(&view, || {
                format!(
                    "Rumour {}: {}, {} is now '{}'\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    view.status
                )
            }))
        }
    }
}

fn contract(ctx: &Context, command: ContractCommand) -> Result<Output> {
    match command {
        ContractCommand::Expiring {
            year,
            within,
            pre_contract,
            age_max,
            club,
            position,
            league,
        } => {
            let world = ctx.read_brief()?;
            let filter = expiring::ExpiringFilter {
                year,
                within_months: within,
                pre_contract,
                club: club.map(|c| world.find_club(&c)).transpose()?,
                position,
                league,
                age_max,
            };
            let rows = expiring::contracts_expiring(&world, &filter, ctx.as_of);
            let mut window = Vec::new();
            if let Some(y) = year {
                window.push(format!("in {y}"));
            }
            if let Some(m) = within {
                window.push(format!("within {m} months"));
            }
            if pre_contract {
                window.push("within 6 months (pre-contract)".to_string());
            }
            Ok(ctx.show(&rows, || {
                render::records::expiring(&rows, &window.join(" and "), ctx.as_of, ctx.style)
            }))
        }
        ContractCommand::Timeline {
            club,
            position,
            svg,
        } => {
            let world = ctx.read_brief()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            let t = timeline::timeline(&world, club.as_ref(), position, ctx.as_of);
            let mut out = ctx.show(&t, || render::timeline::timeline(&t, ctx.style));
            if let Some(path) = svg {
                write_picture(&path, &render::svg::timeline(&t), &mut out)?;
            }
            Ok(out)
        }
        ContractCommand::Set(c) => {
            let new = NewContract {
                club: c.club,
                start: c.since,
                end: c.until,
                loan: c.loan,
                signed_from: c.from,
            };
            let (world, id) = ctx.write(|_, w| edit::set_contract(w, &c.player, new))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || render::records::player(&view, "", ctx.style)))
        }
    }
}

fn club(ctx: &Context, command: ClubCommand) -> Result<Output> {
    match command {
        ClubCommand::Add {
            name,
            country,
            league,
            coach,
            aliases,
        } => {
            let new = NewClub {
                name,
                aliases,
                country,
                league,
                coach,
            };
            let (world, id) = ctx.write(|_, w| edit::add_club(w, new))?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Added club {} ({id})\n", world.club_name(&id))
            }))
        }
        ClubCommand::List => {
            let world = ctx.read_brief()?;
            let list = records::clubs(&world, ctx.as_of);
            Ok(ctx.show(&list, || render::records::clubs(&list, ctx.style)))
        }
        ClubCommand::Show { club } => {
            let world = ctx.read_brief()?;
            let id = world.find_club(&club)?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str())
                .ok_or_else(|| Error::Refused(format!("club '{id}' vanished while reading")))?;
            let squad = records::players(&world, Some(&id), None, ctx.as_of);
            Ok(ctx.show(
                &serde_json::json!({ "club": &view, "squad": &squad }),
                || render::records::club(&view, &squad, ctx.style),
            ))
        }
        ClubCommand::Depth {
            club,
            set,
            reset,
            view,
            svg,
        } => {
            let mut changes: Vec<(Slot, Vec<String>)> = Vec::new();
            if let Some(pair) = set {
                let slot: Slot = pair[0].parse().map_err(Error::Refused)?;
                let players = pair[1]
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect();
                changes.push((slot, players));
            }
            if let Some(slot) = reset {
                changes.push((slot, Vec::new()));
            }
            let world = if changes.is_empty() {
                ctx.read_brief()?
            } else {
                ctx.write(|_, w| {
                    let id = w.find_club(&club)?;
                    for (slot, players) in &changes {
                        edit::set_depth_order(w, &id, *slot, players, ctx.as_of)?;
                    }
                    Ok(())
                })?
                .0
            };
            let id = world.find_club(&club)?;
            let chart = depth::depth_chart(&world, &world.clubs[&id], ctx.as_of);
            let mut out = ctx.show(&chart, || match view {
                DepthView::Table => render::depth::chart(&chart, ctx.style),
                DepthView::Pitch => render::pitch::pitch(&chart, ctx.style),
            });
            if let Some(path) = svg {
                write_picture(&path, &render::svg::depth(&chart), &mut out)?;
            }
            Ok(out)
        }
    }
}

fn player(ctx: &Context, command: PlayerCommand) -> Result<Output> {
    match command {
        PlayerCommand::Add(a) => {
            let contract = match (a.club, a.until) {
                (Some(club), Some(end)) => Some(NewContract {
                    club,
                    start: a.since,
                    end,
                    loan: a.loan,
                    signed_from: a.from,
                }),
                _ => None,
            };
            let market_value = a
                .value
                .as_deref()
                .map(|v| parse_fee(v, None).map(|f| f.total_eur().round() as u64))
                .transpose()?;
            let new = NewPlayer {
                name: a.name,
                born: a.born,
                position: a.position,
                also: a.also,
                nationality: a.nationality,
                caps: a.caps,
                foot: a.foot,
                market_value,
                notes: a.notes,
                contract,
            };
            let (world, id) = ctx.write(|_, w| edit::add_player(w, new, ctx.as_of))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || format!("Added player {} ({id})\n", view.name)))
        }
        PlayerCommand::List { club, position } => {
            let world = ctx.read_brief()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            let list = records::players(&world, club.as_ref(), position, ctx.as_of);
            Ok(ctx.show(&list, || render::records::players(&list, ctx.style)))
        }
        PlayerCommand::Show { player } => {
            let (world, id) = ctx.read_with(|store, w| {
                let id = w.find_player(&player)?;
                store.load_rumours_of(w, &id)?;
                Ok(id)
            })?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            let filter = rumours::RumourFilter {
                player: Some(id),
                ..Default::default()
            };
            let assessor = Assessor::new(&world, ctx.as_of);
            let rumour_views = rumours::list(&world, &assessor, &filter);
            Ok(ctx.show(
                &serde_json::json!({ "player": &view, "rumours": &rumour_views }),
                || {
                    let brief = render::rumours::brief(&rumour_views, ctx.style);
                    render::records::player(&view, &brief, ctx.style)
                },
            ))
        }
    }
}

fn source(ctx: &Context, command: SourceCommand) -> Result<Output> {
    let one = |world: &World, id: &mercato::model::SourceId| {
        let track = mercato::query::likelihood::track_records(world);
        records::source_view(&world.sources[id], &track)
    };
    match command {
        SourceCommand::Add {
            name,
            tier,
            country,
            aliases,
        } => {
            let new = NewSource {
                name,
                aliases,
                country,
                tier,
            };
            let (world, id) = ctx.write(|_, w| edit::add_source(w, new))?;
            let view = one(&world, &id);
            Ok(ctx.show(&view, || format!("Added source {} ({id})\n", view.name)))
        }
        SourceCommand::List => {
            let world = ctx.read_brief()?;
            let list = records::sources(&world);
            Ok(ctx.show(&list, || render::records::sources(&list, ctx.style)))
        }
        SourceCommand::Show { source } => {
            let world = ctx.read()?;
            let id = world.find_source(&source)?;
            let view = one(&world, &id);
            let assessor = Assessor::new(&world, ctx.as_of);
            let reports = records::source_reports(&world, &assessor, &id);
            Ok(ctx.show(
                &serde_json::json!({ "source": &view, "reports": &reports }),
                || render::records::source(&view, &reports, ctx.style),
            ))
        }
        SourceCommand::Set {
            source,
            tier,
            country,
            aliases,
        } => {
            let (world, id) =
                ctx.write(|_, w| edit::set_source(w, &source, tier, country.as_deref(), &aliases))?;
            let view = one(&world, &id);
            Ok(ctx.show(&view, || format!("Updated source {} ({id})\n", view.name)))
        }
    }
}

fn check(ctx: &Context) -> Result<Output> {
    let store = ctx.store()?;
    store.recover_if_needed()?;
    let _lock = store.lock_for_reading()?;
    let problems = mercato::check::check(&store, ctx.as_of);
    let mut out = ctx.show(&problems, || {
        if problems.is_empty() {
            format!("{}: ok\n", store.dir().display())
        } else {
            render::records::problems(&problems)
        }
    });
    if !problems.is_empty() {
        out.failed = true;
        out.notes
            .push(format!("{} problem(s) found", problems.len()));
    }
    Ok(out)
}
