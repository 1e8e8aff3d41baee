//! `cm32 run -W`: limits as wasmtime spells them (`-W fuel=N,timeout=2s`).

use std::time::Duration;

use anyhow::{Result, bail};
use cm32_host::Limits;

/// The keys `-W` takes, in the order `--help` lists them.
const KEYS: [&str; 5] = ["fuel", "timeout", "max-memory-size", "max-table-elements", "max-handles"];

/// Every `-W` option given, each `KEY=VALUE[,KEY=VALUE]`; a later value of a key wins.
pub(crate) fn parse(options: &[String]) -> Result<Limits> {
    let mut limits = Limits::default();
    for option in options.iter().flat_map(|o| o.split(',')).filter(|o| !o.is_empty()) {
        let Some((key, value)) = option.split_once('=') else {
            bail!("-W {option}: expected KEY=VALUE, where KEY is one of {}", KEYS.join(", "));
        };
        let bad = |what: &str| anyhow::anyhow!("-W {option}: `{value}` is not {what}");
        match key {
            "fuel" => limits.fuel = Some(value.parse().map_err(|_| bad("a number of fuel units"))?),
            "timeout" => {
                limits.timeout = Some(duration(value).ok_or_else(|| bad("a duration such as 500ms, 2s or 1m"))?)
            }
            "max-memory-size" => {
                limits.max_memory_size = Some(bytes(value).ok_or_else(|| bad("a size such as 65536, 64K, 256M or 1G"))?)
            }
            "max-table-elements" => {
                limits.max_table_elements = Some(value.parse().map_err(|_| bad("a number of elements"))?)
            }
            "max-handles" => limits.max_handles = Some(value.parse().map_err(|_| bad("a number of handles"))?),
            _ => bail!("-W {option}: unknown limit `{key}`; cm32 knows {}", KEYS.join(", ")),
        }
    }
    Ok(limits)
}

/// `500ms`, `2s`, `1m`, `1.5s`, or a plain number of seconds, as wasmtime's `-W timeout` takes.
pub(crate) fn duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let seconds = match unit {
        "" | "s" => number,
        "ms" => number / 1e3,
        "us" => number / 1e6,
        "ns" => number / 1e9,
        "m" => number * 60.0,
        "h" => number * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}

/// `duration` for clap: an argument such as `--header-timeout 10s`.
pub(crate) fn duration_arg(text: &str) -> Result<Duration, String> {
    duration(text).ok_or_else(|| format!("`{text}` is not a duration such as 500ms, 10s or 1m"))
}

/// A number of bytes, with an optional `K`, `M` or `G` (also `KiB`, `MiB`, `GiB`) in 1024s.
fn bytes(text: &str) -> Option<usize> {
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number.parse().ok()?;
    let scale: usize = match unit {
        "" => 1,
        "K" | "KiB" => 1 << 10,
        "M" | "MiB" => 1 << 20,
        "G" | "GiB" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_as_wasmtime_spells_them() {
        let cases: [(&[&str], Limits); 4] = [
            (&[], Limits::default()),
            (&["fuel=1000"], Limits { fuel: Some(1000), ..Limits::default() }),
            (
                &["fuel=5,timeout=1.5s", "max-memory-size=64K"],
                Limits {
                    fuel: Some(5),
                    timeout: Some(Duration::from_millis(1500)),
                    max_memory_size: Some(65536),
                    ..Limits::default()
                },
            ),
            (
                &["timeout=2", "max-table-elements=10,max-handles=3", "timeout=250ms", "max-memory-size=1G"],
                Limits {
                    timeout: Some(Duration::from_millis(250)),
                    max_memory_size: Some(1 << 30),
                    max_table_elements: Some(10),
                    max_handles: Some(3),
                    ..Limits::default()
                },
            ),
        ];
        for (options, expected) in cases {
            let options: Vec<String> = options.iter().map(|s| s.to_string()).collect();
            assert_eq!(parse(&options).unwrap(), expected, "{options:?}");
        }
    }

    #[test]
    fn bad_options_say_what_is_wrong() {
        let cases = [
            ("fuel", "-W fuel: expected KEY=VALUE, where KEY is one of fuel, timeout,"),
            ("fule=3", "-W fule=3: unknown limit `fule`; cm32 knows fuel, timeout,"),
            ("fuel=-1", "-W fuel=-1: `-1` is not a number of fuel units"),
            ("timeout=3 days", "-W timeout=3 days: `3 days` is not a duration such as 500ms, 2s or 1m"),
            ("max-memory-size=1T", "-W max-memory-size=1T: `1T` is not a size such as 65536, 64K, 256M or 1G"),
            ("max-handles=", "-W max-handles=: `` is not a number of handles"),
        ];
        for (option, expected) in cases {
            let error = parse(&[option.to_string()]).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{option}: {error}");
        }
    }
}
