//! Progress on a terminal (one line, rewritten), plain lines otherwise.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    counts: BTreeMap<&'static str, usize>,
    terminal: bool,
    quiet: bool,
    last: Instant,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            counts: BTreeMap::new(),
            terminal: std::io::stderr().is_terminal(),
            quiet: false,
            last: Instant::now(),
        }
    }

    /// No output (tests).
    pub fn quiet() -> Progress {
        Progress { quiet: true, ..Progress::new() }
    }

    pub fn set(&mut self, what: &'static str, count: usize) {
        self.counts.insert(what, count);
        if self.quiet {
            return;
        }
        let line: Vec<String> = self.counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if self.terminal {
            if self.last.elapsed() > Duration::from_millis(100) {
                eprint!("\r\x1b[K{}", line.join("  "));
                let _ = std::io::stderr().flush();
                self.last = Instant::now();
            }
        } else if self.last.elapsed() > Duration::from_secs(2) {
            eprintln!("{}", line.join(", "));
            self.last = Instant::now();
        }
    }

    /// A step done: ends the progress line.
    pub fn step(&mut self, message: &str) {
        if self.quiet {
            return;
        }
        if self.terminal {
            eprint!("\r\x1b[K");
        }
        eprintln!("{message}");
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
