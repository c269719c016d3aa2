//! The big files' contents, made on a thread per core: `models.rs` in
//! chunks of types, and per group of operations `operations.rs` and the
//! client methods in chunks of operations, with the API summary.

use super::client;
use super::plan::{OperationPlan, RequestPlan};
use super::text::{format, format_gated};
use super::{RustNames, features, operations, summary, types};
use crate::model::Api;

/// Operations per job: request types, client methods and summaries. Chunks
/// of 100 rather than 200 hold less at once (v1.0: peak 314 -> 290 MB, user
/// time 3.3 -> 3.0 s); smaller ones gain nothing more.
const OPERATIONS_PER_CHUNK: usize = 100;

/// Types per job of `models.rs`.
const TYPES_PER_CHUNK: usize = 100;

/// A piece of a crate that one emitter thread makes from the shared model and
/// names. Token streams cannot cross threads, so each job builds its own and
/// hands back formatted text.
enum Job {
    TypeSummaries,
    /// Some types of a `models.rs` (the shared one, or a group's), by index, in file order.
    Models {
        group: Option<usize>,
        indices: Vec<usize>,
    },
    /// Some operations of a group: their request types, client methods
    /// (an `impl Client` block, unless they go in the group's trait) and
    /// summaries.
    Operations {
        group: usize,
        indices: Vec<usize>,
    },
    /// A group's method trait, whole (a trait is one item).
    Trait {
        group: usize,
    },
}

/// What a [`Job`] gives.
enum Made {
    Text(String),
    Operations {
        types: String,
        methods: Option<String>,
        summaries: Vec<(String, summary::OperationSummary)>,
    },
    TypeSummaries(summary::ApiSummary),
}

/// The big files' contents after their heads, in file order, before they
/// are put into one crate or several.
pub(crate) struct Pieces {
    /// `models.rs`: every type, or in a split SDK those that more than one
    /// group needs (or none).
    pub models: Vec<String>,
    /// Per group of operations, in the order asked for.
    pub groups: Vec<GroupPieces>,
    pub summary: summary::ApiSummary,
}

#[derive(Default)]
pub(crate) struct GroupPieces {
    /// The group's own `models.rs` in a split SDK: the types no other group needs.
    pub models: Vec<String>,
    /// `operations.rs`.
    pub operations: Vec<String>,
    /// The client methods as whole items: `impl Client` blocks, or the
    /// group's trait and its impl for `Client`.
    pub client: Vec<String>,
}

/// How the types and the operations are gated by path features, if at all,
/// and where the types go.
#[derive(Clone, Copy)]
pub(crate) struct Gates<'a> {
    /// Gates the shared `models.rs`.
    pub types: Option<&'a features::Features>,
    pub operations: Option<&'a features::Features>,
    /// Puts a type that one group alone needs into that group's pieces (a
    /// split SDK), ungated, instead of the shared `models.rs`.
    pub types_by_group: Option<&'a features::Features>,
}

/// Makes the [`Pieces`]: the operations in `groups` (by index), the client
/// methods on `receiver`.
///
/// Big files are made in chunks (of types, of operations) that a thread per
/// core takes in turn, and the texts are joined in order: prettyplease prints
/// items one by one, so the result is the same as printing the file at once,
/// and at most a chunk per core is held as tokens and syntax trees.
pub(crate) fn pieces(
    api: &Api,
    names: &RustNames,
    gates: Gates<'_>,
    groups: &[Vec<usize>],
    receiver: &client::Receiver,
) -> Result<Pieces, String> {
    let jobs = jobs(names, gates, groups, receiver);
    let plan = |indices: &[usize]| -> Vec<OperationPlan<'_>> {
        indices
            .iter()
            .map(|&i| OperationPlan::new(api, names, i))
            .collect()
    };
    let run = |job: &Job| -> Result<Made, String> {
        Ok(match job {
            Job::TypeSummaries => Made::TypeSummaries(summary::summarize_types(api, names)),
            Job::Models { group, indices } => {
                let gates = if group.is_some() { None } else { gates.types };
                Made::Text(format_gated(types::emit(api, names, gates, indices))?)
            }
            Job::Operations { indices, .. } => {
                let plans = plan(indices);
                let methods = match receiver {
                    client::Receiver::Inherent => {
                        let requests: Vec<_> = plans.iter().map(|plan| &plan.request).collect();
                        Some(format(client::emit_methods(&requests, gates.operations))?)
                    }
                    client::Receiver::Traits(_) => None,
                };
                Made::Operations {
                    types: format_gated(operations::emit(&plans, gates.operations))?,
                    methods,
                    summaries: plans
                        .iter()
                        .map(|plan| {
                            (
                                plan.request.type_name.to_string(),
                                summary::summarize_operation(plan),
                            )
                        })
                        .collect(),
                }
            }
            Job::Trait { group } => match receiver {
                client::Receiver::Traits(heads) => Made::Text(format(client::emit_trait(
                    &heads[*group],
                    &groups[*group]
                        .iter()
                        .map(|&i| RequestPlan::new(api, names, i))
                        .collect::<Vec<_>>(),
                ))?),
                client::Receiver::Inherent => return Err("a trait job without traits".into()),
            },
        })
    };
    let made = run_jobs(&jobs, run);
    if made.len() != jobs.len() {
        return Err("an emitter thread panicked".to_string());
    }
    gather(&jobs, made, groups.len())
}

/// The jobs: the type summaries, the groups' method traits, then in the
/// order their texts go into files, per models file (the shared one first,
/// then the groups') its types in chunks, and per group its operations in
/// chunks.
fn jobs(
    names: &RustNames,
    gates: Gates<'_>,
    groups: &[Vec<usize>],
    receiver: &client::Receiver,
) -> Vec<Job> {
    let mut jobs = vec![Job::TypeSummaries];
    // A group's trait is one job however many operations it has: the
    // biggest first, so that no core waits alone for one at the end (where
    // a trait's text goes does not depend on the order of jobs).
    if let client::Receiver::Traits(heads) = receiver {
        let mut traits: Vec<usize> = (0..heads.len()).collect();
        traits.sort_by_key(|&group| std::cmp::Reverse(groups[group].len()));
        jobs.extend(traits.into_iter().map(|group| Job::Trait { group }));
    }
    // Per models file (the shared one first, then the groups'), its types in order.
    let mut homes: Vec<Vec<usize>> = vec![Vec::new(); groups.len() + 1];
    for index in types::order(names) {
        let group = gates.types_by_group.and_then(|f| f.only_group_of(index));
        homes[group.map_or(0, |g| g + 1)].push(index);
    }
    for (home, indices) in homes.iter().enumerate() {
        jobs.extend(indices.chunks(TYPES_PER_CHUNK).map(|chunk| Job::Models {
            group: home.checked_sub(1),
            indices: chunk.to_vec(),
        }));
    }
    for (group, indices) in groups.iter().enumerate() {
        jobs.extend(
            indices
                .chunks(OPERATIONS_PER_CHUNK)
                .map(|chunk| Job::Operations {
                    group,
                    indices: chunk.to_vec(),
                }),
        );
    }
    jobs
}

/// The texts of the jobs put in their places, in order.
fn gather(jobs: &[Job], made: Vec<Result<Made, String>>, groups: usize) -> Result<Pieces, String> {
    let mut pieces = Pieces {
        models: Vec::new(),
        groups: (0..groups).map(|_| GroupPieces::default()).collect(),
        summary: summary::ApiSummary::default(),
    };
    for (job, made) in jobs.iter().zip(made) {
        match (job, made?) {
            (Job::TypeSummaries, Made::TypeSummaries(summary)) => {
                pieces.summary.types = summary.types;
                pieces.summary.servers = summary.servers;
            }
            (Job::Models { group: None, .. }, Made::Text(text)) => pieces.models.push(text),
            (
                Job::Models {
                    group: Some(group), ..
                },
                Made::Text(text),
            ) => pieces.groups[*group].models.push(text),
            (
                Job::Operations { group, .. },
                Made::Operations {
                    types,
                    methods,
                    summaries,
                },
            ) => {
                let group = &mut pieces.groups[*group];
                group.operations.push(types);
                group.client.extend(methods);
                pieces.summary.operations.extend(summaries);
            }
            (Job::Trait { group }, Made::Text(text)) => pieces.groups[*group].client.push(text),
            _ => return Err("an emitter job gave the wrong kind of result".to_string()),
        }
    }
    Ok(pieces)
}

/// Runs `jobs` on a thread per core, each thread taking the next job not yet
/// taken; the results come back in the order of `jobs`.
fn run_jobs<J: Sync, T: Send>(
    jobs: &[J],
    run: impl Fn(&J) -> Result<T, String> + Sync,
) -> Vec<Result<T, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, jobs.len().max(1));
    let mut results: Vec<(usize, Result<T, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else {
                            return done;
                        };
                        done.push((index, run(job)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}
