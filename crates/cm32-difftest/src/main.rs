//! `cm32-difftest`: long differential runs against wasmtime's Component Model.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use cm32_difftest::{Settings, run};

/// Runs random WIT signatures, values and corrupted guests on cm32 (wasmi and wasmtime
/// backends) and on wasmtime's Component Model, and reports every disagreement.
///
/// Each case calls a generated guest's `run<i>` export, which forwards its arguments to a host
/// import and returns the import's answer. The runtimes must agree on what the import saw, what
/// the export returned, whether and how it trapped, the guest's realloc calls and the host's
/// destructor calls. A seed and batch number reproduce any case exactly.
///
/// Examples:
///   cm32-difftest --seed 1 --count 100000
///   cm32-difftest --seed 1 --batch 17 --save findings/
#[derive(Parser)]
#[command(version, verbatim_doc_comment)]
struct Cli {
    /// Seed for the whole run; the same seed gives the same cases.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// About how many cases to run (rounded up to whole batches of 160: 128 positive, 32 negative).
    #[arg(long, default_value_t = 2560)]
    count: usize,
    /// Run only this batch of the seed, to reproduce a finding.
    #[arg(long)]
    batch: Option<usize>,
    /// Write the WIT, the guest's WAT and the details of each finding under this directory.
    #[arg(long, value_name = "DIR")]
    save: Option<PathBuf>,
    /// Write every batch's WIT and guests (positive and negative) under this directory.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// Also list wasmtime's trap messages in negative cases, with cm32's class for each.
    #[arg(long)]
    verbose: bool,
    /// Batches to run at once (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Print the running totals after every N batches (0: only at the end).
    #[arg(long, default_value_t = 50, value_name = "N")]
    progress: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut settings = Settings::new(cli.seed, cli.count);
    settings.only_batch = cli.batch;
    settings.save = cli.save;
    settings.dump = cli.dump;
    settings.jobs = cli.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let started = Instant::now();
    let result = run(&settings, |report| {
        if cli.progress > 0 && report.batches.is_multiple_of(cli.progress) {
            eprintln!(
                "[{:>6.0} s] {} batches, {} positive, {} negative, {} findings",
                started.elapsed().as_secs_f64(),
                report.batches,
                report.positive,
                report.negative,
                report.findings.len()
            );
        }
    });
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(2);
        }
    };
    for f in &report.findings {
        println!("finding: batch {} ({}) run{} {} ({}):", f.batch, f.shape, f.func, f.case, f.runtime);
        for line in &f.details {
            println!("  {line}");
        }
    }
    if cli.verbose {
        for ((message, class), n) in &report.trap_messages {
            println!("{n:>6}  cm32 {class:<12} wasmtime: {message}");
        }
    }
    print!("{}", report.summary());
    println!("seed {}, {:.1} s", cli.seed, started.elapsed().as_secs_f64());
    if report.findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
