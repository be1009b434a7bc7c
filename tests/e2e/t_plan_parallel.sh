# tests/e2e/t_plan_parallel.sh -- a sweep planned with --plan and run by GNU parallel (here, and through --sshloginfile into another folder gathered back with rsync) gives what `clockring experiments` gives
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null || fail "no GNU parallel (make deps-test installs it)"
command -v rsync >/dev/null || fail "no rsync (make deps-test installs it)"

# Four project folders with the same experiments: one for the suite, one
# whose plan GNU parallel runs in place, one whose plan goes to a "host"
# working in a folder of its own, one whose plan runs as a Slurm array would.
for p in suite local home slurm; do
	mkdir -p "$T/$p/exp"
	for name in a b; do
		cat >"$T/$p/exp/$name.exp" <<EXP
title = Experiment $name
description = For the test
run = --vms 3 --rate-max 8
mode = virtual
repeat = 2
duration = 4
EXP
	done
done
# at P ARGS: in project folder P: `clockring experiments` with the rest, on a.exp and b.exp.
at() { (cd "$T/$1" && shift && "$CLOCKRING" experiments "$@" exp/a.exp exp/b.exp); }
runs="a/1 a/2 b/1 b/2"

at suite --jobs 4 >"$T/suite.out" 2>&1 || { cat "$T/suite.out"; fail "suite"; }

# --- The plan: a line per run, in the suite's order, the same each time,
# the experiment files already beside where the runs will be. ---
at local --plan >"$T/plan" 2>"$T/plan.err" || { cat "$T/plan.err"; fail "--plan"; }
[ "$(wc -l <"$T/plan")" -eq 4 ] || { cat "$T/plan"; fail "not a line per run"; }
[ "$(sed 's/.*--out=//' "$T/plan" | tr '\n' ' ')" = "results/a/1 results/a/2 results/b/1 results/b/2 " ] ||
	{ cat "$T/plan"; fail "not the suite's folders in the suite's order"; }
grep -qx "clockring: 4 runs to do (0 already done), a command each; results in results/" "$T/plan.err" ||
	{ cat "$T/plan.err"; fail "--plan did not say what it planned"; }
at local --plan >"$T/plan.again" 2>/dev/null
cmp -s "$T/plan" "$T/plan.again" || fail "two plans of the same differ"
for name in a b; do
	cmp -s "$T/suite/results/$name/experiment.exp" "$T/local/results/$name/experiment.exp" ||
		fail "$name: --plan did not copy the experiment file as the suite does"
done
[ -z "$(find "$T/local/results" -mindepth 2 ! -name experiment.exp)" ] ||
	fail "--plan ran something"

# --- Interrupted half-way: two runs done, one left unfinished, one not
# started. The next plan lists the last two, as they were. ---
(cd "$T/local" && head -3 "$T/plan" | parallel --will-cite -j2) ||
	fail "parallel: the first three runs"
sed -i 's/^status=complete$/status=interrupted/' "$T/local/results/b/1/run.meta"
at local --plan >"$T/plan.rest" 2>"$T/plan.err"
[ "$(cat "$T/plan.rest")" = "$(sed -n '3,4p' "$T/plan")" ] ||
	{ cat "$T/plan.rest"; fail "the plan after a stop is not the runs left"; }
(cd "$T/local" && parallel --will-cite -j2 <"$T/plan.rest") || fail "parallel: the rest"
at local --plan >"$T/plan.none" 2>"$T/plan.err" || fail "--plan when all is done"
[ ! -s "$T/plan.none" ] || { cat "$T/plan.none"; fail "a plan when all is done"; }
grep -qx "clockring: nothing to do: all 4 runs are finished in results/" "$T/plan.err" ||
	{ cat "$T/plan.err"; fail "--plan did not say all is done"; }

# --- Through --sshloginfile: the login ':' is this machine, working in a
# folder of its own as a remote host would; rsync gathers the results. ---
at home --plan >"$T/plan.home" 2>/dev/null || fail "--plan at home"
echo ":" >"$T/hosts"
mkdir "$T/host"
(cd "$T/home" && parallel --will-cite --sshloginfile "$T/hosts" --workdir "$T/host" \
	-j2 <"$T/plan.home") || fail "parallel --sshloginfile"
[ ! -e "$T/home/results/a/1" ] || fail "the host wrote at home, not in its folder"
rsync -a "$T/host/results/" "$T/home/results/" || fail "rsync"

# --- As a Slurm job array runs it: task I runs line I, from the folder
# the array was submitted in (the README's sweep.sbatch). ---
at slurm --plan >"$T/slurm/plan.txt" 2>/dev/null || fail "--plan for slurm"
n=$(wc -l <"$T/slurm/plan.txt")
for i in $(seq "$n"); do
	(cd "$T/slurm" && SLURM_ARRAY_TASK_ID=$i sh -c 'sed -n "${SLURM_ARRAY_TASK_ID}p" plan.txt | sh') ||
		fail "array task $i"
done
rm "$T/slurm/plan.txt"

# --- All four give the same: the same files, the same numbers, and
# compare and report say the same. ---
for p in suite local home slurm; do
	(cd "$T/$p" && "$CLOCKRING" compare results >"$T/compare.$p" 2>&1 &&
		"$CLOCKRING" report results >/dev/null 2>&1) || fail "$p: compare or report"
done
(cd "$T/suite/results" && find . | sort) >"$T/files.suite"
for p in local home slurm; do
	(cd "$T/$p/results" && find . | sort) | diff "$T/files.suite" - ||
		fail "$p: other files than the suite's"
	for r in $runs; do
		for f in run.meta analysis/summary.csv; do
			cmp -s "$T/suite/results/$r/$f" "$T/$p/results/$r/$f" ||
				fail "$p: $r/$f differs from the suite's"
		done
		check_ok "$T/$p/results/$r"
	done
	diff "$T/compare.suite" "$T/compare.$p" || fail "$p: compare differs"
	diff "$T/suite/results/report.md" "$T/$p/results/report.md" ||
		fail "$p: report differs"
	at "$p" >"$T/rerun" 2>&1 || { cat "$T/rerun"; fail "$p: the suite after the plan"; }
	grep -q "0 runs to do (4 already done)" "$T/rerun" ||
		{ cat "$T/rerun"; fail "$p: the suite does not keep the plan's runs"; }
done
grep -q "ordered pairs" "$T/compare.suite" || fail "compare shows no table"

# --- A stale run refuses --plan as it refuses the suite: exit 2, the same
# line, nothing on stdout and nothing touched; --force plans every run. ---
tree() { (cd "$T/local/results" && find . -type f -print0 | sort -z | xargs -0 md5sum); }
before=$(tree)
sed -i 's/--rate-max 8/--rate-max 7/' "$T/local/exp/a.exp"
expect_exit 2 at local
cp "$T/err" "$T/err.suite"
expect_exit 2 at local --plan
[ ! -s "$T/out" ] || { cat "$T/out"; fail "a refused plan printed commands"; }
grep -qx "clockring: experiments: a: 2 finished runs were made with rate_max 8, the file now says 7; --force (make: FORCE=1) redoes them" "$T/err" ||
	{ cat "$T/err"; fail "no line naming rate_max"; }
diff "$T/err.suite" "$T/err" || fail "--plan refuses otherwise than the suite"
[ "$(tree)" = "$before" ] || fail "a refused plan changed the results"
at local --plan --force >"$T/plan.force" 2>/dev/null || fail "--plan --force"
[ "$(wc -l <"$T/plan.force")" -eq 4 ] || fail "--plan --force does not plan every run"
# A line of it clears the finished run in its place and makes it anew.
(cd "$T/local" && head -1 "$T/plan.force" | sh) || fail "a forced line"
[ "$(meta "$T/local/results/a/1" rate_max)" = 7 ] || fail "a/1 not redone with rate_max 7"
[ "$(meta "$T/local/results/a/1" status)" = complete ] || fail "a/1 not complete"

# --- Quoted for sh: a results folder with a space and a quote. ---
odd="$T/it's a folder"
at local --plan --out "$odd" >"$T/plan.odd" 2>/dev/null || fail "--plan --out with a quote"
(cd "$T/local" && head -1 "$T/plan.odd" | sh) || { cat "$T/plan.odd"; fail "a quoted line"; }
[ "$(meta "$odd/a/1" status)" = complete ] || fail "the quoted line did not run into '$odd'"
[ -s "$odd/a/1.log" ] || fail "the quoted line wrote no log"

# A newline in a path would split a line: refused, nothing made.
expect_exit 2 at local --plan --out "$T/two
lines"
grep -q "a newline in a path" "$T/err" || { cat "$T/err"; fail "a newline not refused"; }
[ ! -e "$T/two
lines" ] || fail "a refused plan made its folder"

# --- A line stopped by a signal to its group (Ctrl-C, parallel, Slurm)
# stops its run, says so by its exit status, and leaves it to the next
# plan: a real-time run, stopped once it has started. ---
setsid "$CLOCKRING" experiments --job --vms 3 --duration=60 --seed=1 --out="$T/stop/1" &
job=$!
for _ in $(seq 100); do [ -e "$T/stop/1/run.meta" ] && break; sleep 0.1; done
[ -e "$T/stop/1/run.meta" ] || fail "the real-time run did not start"
sleep 0.5
kill -TERM -- -"$job"
wait "$job"
st=$?
[ "$st" -eq 143 ] || fail "a stopped line exited $st, not 143"
[ "$(meta "$T/stop/1" status)" = interrupted ] || fail "the stopped run is not marked interrupted"
[ ! -e "$T/stop/1/analysis" ] || fail "a stopped run was analyzed"
grep -q "seed 1" "$T/stop/1.log" || { cat "$T/stop/1.log"; fail "the stopped run's log"; }

# --- A line of a plan touches nothing for bad words or a folder in the
# way that is not a run. ---
expect_exit 2 "$CLOCKRING" experiments --job --vms abc --out="$T/bad/1"
grep -q "'abc'" "$T/err" || { cat "$T/err"; fail "bad --vms not named"; }
[ ! -e "$T/bad" ] || fail "a bad line made its folder"
expect_exit 2 "$CLOCKRING" experiments --job --vms 3 --virtual
grep -q "no --out" "$T/err" || { cat "$T/err"; fail "a line without --out"; }
mkdir -p "$T/mine/1" && echo keep >"$T/mine/1/notes.txt"
expect_exit 2 "$CLOCKRING" experiments --job --vms 3 --virtual --duration=2 --out="$T/mine/1"
grep -q "in the way and is not a run" "$T/err" || { cat "$T/err"; fail "a user's folder not refused"; }
[ "$(cat "$T/mine/1/notes.txt")" = keep ] || fail "a user's file was touched"
[ ! -e "$T/mine/1.log" ] || fail "a refused line wrote a log"
echo ok
