//! What each command does, in terms of the library: resolve names, ask or
//! change, render. No logic of its own beyond choosing text or JSON.

use crate::cli::{
    ClubCommand, Command, ContractCommand, PlayerCommand, RumourCommand, SourceCommand,
};
use chrono::NaiveDate;
use mercato::edit::{self, Move, NewClub, NewContract, NewPlayer, NewReport, NewSource};
use mercato::model::{Slot, Stance};
use mercato::query::{depth, expiring, records, rumours};
use mercato::{Error, Result, Store, World, render};
use std::path::PathBuf;

/// What every command needs: where the data is, the day, how to print.
pub struct Context {
    data_dir: PathBuf,
    as_of: NaiveDate,
    json: bool,
    width: Option<u16>,
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
    pub fn new(data_dir: PathBuf, as_of: NaiveDate, json: bool, width: Option<u16>) -> Context {
        Context {
            data_dir,
            as_of,
            json,
            width,
        }
    }

    fn store(&self) -> Result<Store> {
        Store::open(&self.data_dir)
    }

    /// Loads the world under the shared lock.
    fn read(&self) -> Result<World> {
        let store = self.store()?;
        let _lock = store.lock_for_reading()?;
        store.load()
    }

    /// A read-modify-write under the exclusive lock. Nothing is written
    /// unless `change` succeeds.
    fn write<T>(&self, change: impl FnOnce(&mut World) -> Result<T>) -> Result<(World, T)> {
        let store = self.store()?;
        let _lock = store.lock_for_writing()?;
        let mut world = store.load()?;
        let result = change(&mut world)?;
        store.save(&mut world)?;
        Ok((world, result))
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

/// Runs one command.
pub fn run(ctx: &Context, command: Command) -> Result<Output> {
    match command {
        Command::Rumour(c) => rumour(ctx, c),
        Command::Contract(c) => contract(ctx, c),
        Command::Club(c) => club(ctx, c),
        Command::Player(c) => player(ctx, c),
        Command::Source(c) => source(ctx, c),
        Command::Check => check(ctx),
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| ctx.data_dir.clone());
            let store = Store::init(&dir)?;
            let path = store.dir().display().to_string();
            Ok(ctx.show(&serde_json::json!({ "data_dir": path }), || {
                format!("Initialised a mercato data directory in {path}\n")
            }))
        }
    }
}

fn rumour(ctx: &Context, command: RumourCommand) -> Result<Output> {
    match command {
        RumourCommand::Add(a) => {
            let target = match (a.to, a.renewal) {
                (Some(club), _) => Move::To(club),
                (None, true) => Move::Renewal,
                (None, false) => Move::Leaving,
            };
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
                note: a.note,
                url: a.url,
            };
            let (world, added) = ctx.write(|w| edit::add_report(w, new, ctx.as_of))?;
            let view = rumours::view(&world, &world.rumours[&added.rumour]);
            let mut out = ctx.show(&view, || {
                let verb = if added.new_rumour {
                    "New rumour"
                } else {
                    "Added a report to rumour"
                };
                format!(
                    "{verb} {}: {}, {} ({}, {} report{} from {} source{})\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    view.status,
                    view.reports.len(),
                    if view.reports.len() == 1 { "" } else { "s" },
                    view.sources,
                    if view.sources == 1 { "" } else { "s" },
                )
            });
            if let Some(source) = added.new_source {
                out.notes.push(format!(
                    "'{}' was not a known source; added it with an unknown tier (set one with `mercato source set {source} --tier N`)",
                    world.source_name(&source)
                ));
            }
            Ok(out)
        }
        RumourCommand::List(l) => {
            let world = ctx.read()?;
            let filter = rumours::RumourFilter {
                player: l.player.map(|p| world.find_player(&p)).transpose()?,
                club: l.club.map(|c| world.find_club(&c)).transpose()?,
                status: l.status.map(Into::into),
                since: l.since,
            };
            let list = rumours::list(&world, &filter);
            Ok(ctx.show(&list, || render::rumours::list(&list, ctx.width)))
        }
        RumourCommand::Show { id } => {
            let world = ctx.read()?;
            let id = world.find_rumour(&id)?;
            let view = rumours::view(&world, &world.rumours[&id]);
            Ok(ctx.show(&view, || render::rumours::detail(&view)))
        }
        RumourCommand::Update {
            id,
            status,
            date,
            note,
        } => {
            let (world, id) = ctx.write(|w| {
                edit::update_rumour(w, &id, status.into(), date, note.as_deref(), ctx.as_of)
            })?;
            let view = rumours::view(&world, &world.rumours[&id]);
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
            club,
            position,
            league,
        } => {
            let world = ctx.read()?;
            let filter = expiring::ExpiringFilter {
                club: club.map(|c| world.find_club(&c)).transpose()?,
                position,
                league,
            };
            let rows = expiring::contracts_expiring_in(&world, year, &filter, ctx.as_of);
            Ok(ctx.show(&rows, || {
                render::records::expiring(&rows, year, ctx.as_of, ctx.width)
            }))
        }
        ContractCommand::Set(c) => {
            let new = NewContract {
                club: c.club,
                start: c.since,
                end: c.until,
                loan: c.loan,
                signed_from: c.from,
            };
            let (world, id) = ctx.write(|w| edit::set_contract(w, &c.player, new, ctx.as_of))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || {
                let rumours_text = String::new();
                render::records::player(&view, &rumours_text, ctx.width)
            }))
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
            let (world, id) = ctx.write(|w| edit::add_club(w, new))?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Added club {} ({id})\n", world.club_name(&id))
            }))
        }
        ClubCommand::List => {
            let world = ctx.read()?;
            let list = records::clubs(&world, ctx.as_of);
            Ok(ctx.show(&list, || render::records::clubs(&list, ctx.width)))
        }
        ClubCommand::Show { club } => {
            let world = ctx.read()?;
            let id = world.find_club(&club)?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str());
            let squad = records::players(&world, Some(&id), None, ctx.as_of);
            let Some(view) = view else {
                return Err(Error::Refused(format!(
                    "club '{id}' vanished while reading"
                )));
            };
            Ok(ctx.show(
                &serde_json::json!({ "club": &view, "squad": &squad }),
                || render::records::club(&view, &squad, ctx.width),
            ))
        }
        ClubCommand::Depth { club, set, reset } => {
            let changes: Vec<(Slot, Vec<String>)> = set
                .map(|pair| -> Result<(Slot, Vec<String>)> {
                    let slot: Slot = pair[0].parse().map_err(Error::Refused)?;
                    let players = pair[1]
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(String::from)
                        .collect();
                    Ok((slot, players))
                })
                .transpose()?
                .into_iter()
                .chain(reset.map(|slot| (slot, Vec::new())))
                .collect();
            let world = if changes.is_empty() {
                ctx.read()?
            } else {
                ctx.write(|w| {
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
            Ok(ctx.show(&chart, || render::depth::chart(&chart, ctx.width)))
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
            let new = NewPlayer {
                name: a.name,
                born: a.born,
                position: a.position,
                also: a.also,
                nationality: a.nationality,
                caps: a.caps,
                foot: a.foot,
                notes: a.notes,
                contract,
            };
            let (world, id) = ctx.write(|w| edit::add_player(w, new, ctx.as_of))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || format!("Added player {} ({id})\n", view.name)))
        }
        PlayerCommand::List { club, position } => {
            let world = ctx.read()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            let list = records::players(&world, club.as_ref(), position, ctx.as_of);
            Ok(ctx.show(&list, || render::records::players(&list, ctx.width)))
        }
        PlayerCommand::Show { player } => {
            let world = ctx.read()?;
            let id = world.find_player(&player)?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            let filter = rumours::RumourFilter {
                player: Some(id),
                ..Default::default()
            };
            let rumour_views = rumours::list(&world, &filter);
            Ok(ctx.show(
                &serde_json::json!({ "player": &view, "rumours": &rumour_views }),
                || {
                    let brief = render::rumours::brief(&rumour_views, ctx.width);
                    render::records::player(&view, &brief, ctx.width)
                },
            ))
        }
    }
}

fn source(ctx: &Context, command: SourceCommand) -> Result<Output> {
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
            let (world, id) = ctx.write(|w| edit::add_source(w, new))?;
            let view = records::sources(&world)
                .into_iter()
                .find(|s| s.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Added source {} ({id})\n", world.source_name(&id))
            }))
        }
        SourceCommand::List => {
            let world = ctx.read()?;
            let list = records::sources(&world);
            Ok(ctx.show(&list, || render::records::sources(&list, ctx.width)))
        }
        SourceCommand::Set {
            source,
            tier,
            country,
            aliases,
        } => {
            let (world, id) =
                ctx.write(|w| edit::set_source(w, &source, tier, country.as_deref(), &aliases))?;
            let view = records::sources(&world)
                .into_iter()
                .find(|s| s.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Updated source {} ({id})\n", world.source_name(&id))
            }))
        }
    }
}

fn check(ctx: &Context) -> Result<Output> {
    let store = ctx.store()?;
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
