//! Scores `mercato rumour extract` on a labelled file of tweets:
//! `cargo run --example extract_eval [FILE]` (default: the dev set in
//! ../shared/datasets/tweets/dev.jsonl). `-v` lists the tweets missed.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let path = args
        .iter()
        .find(|a| *a != "-v")
        .cloned()
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/datasets/tweets/dev.jsonl"
            )
            .to_string()
        });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let tweets = match mercato::extract::eval::parse(&text) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let scores = mercato::extract::eval::score(&tweets);
    print!("{}", scores.report());
    if verbose {
        for (n, field) in &scores.misses {
            println!("missed n={n}: {field}");
        }
    }
    std::process::ExitCode::SUCCESS
}
