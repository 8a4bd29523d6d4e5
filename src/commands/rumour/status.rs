//! Rumour statuses as `--status` takes them.

use clap::ValueEnum;
use mercato::model::Status;

/// Rumour statuses as command-line values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Rumour,
    Talks,
    Agreed,
    Done,
    Off,
    Denied,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Rumour => Status::Rumour,
            StatusArg::Talks => Status::Talks,
            StatusArg::Agreed => Status::Agreed,
            StatusArg::Done => Status::Done,
            StatusArg::Off => Status::Off,
            StatusArg::Denied => Status::Denied,
        }
    }
}
