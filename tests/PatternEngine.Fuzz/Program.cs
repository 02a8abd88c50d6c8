using System.Diagnostics;
using System.Globalization;
using PatternEngine.Fuzz;

// dotnet run -c Release --project tests/PatternEngine.Fuzz -- --count 10000 --seed 1 [--batch 500] [--timeout-seconds 60] [--findings DIR]
// dotnet run -c Release --project tests/PatternEngine.Fuzz -- --seed 1 --explain 1234     (one input again: its text and outcome)
//
// The run goes in batches, each in a child process of this program, so that an input that kills its process (a stack
// overflow) is reported by number and the run goes on after it. A child writes each input's number to a state file
// before running it, and one line per outcome to its standard output.
var options = Options.Parse(args);
if (options.Explain is { } explain)
{
    // One input again, in this process: its text, then what it did.
    var input = new FuzzGenerator(FuzzCorpus.Load(), options.Seed).Generate(explain);
    Console.WriteLine(input.Text);
    Console.WriteLine("----");
    Console.WriteLine(new FuzzRunner(new FuzzGenerator(FuzzCorpus.Load(), options.Seed), options.Timeout, Path.GetTempPath()).RunOne(input));
    return 0;
}

if (options.Child)
{
    return RunChild(options);
}

return RunParent(options);

static int RunChild(Options options)
{
    var corpus = FuzzCorpus.Load();
    var work = Directory.CreateTempSubdirectory("patterns-fuzz-").FullName;
    var runner = new FuzzRunner(new FuzzGenerator(corpus, options.Seed), options.Timeout, work);
    var hung = false;
    runner.WarmUp();
    runner.Run(
        options.From,
        options.To,
        input => File.WriteAllText(options.State!, input.Index.ToString(CultureInfo.InvariantCulture)),
        outcome =>
        {
            hung |= outcome.Result == FuzzResult.Hung;
            Console.WriteLine(string.Join('\t', "OUTCOME", outcome.Input.Index, outcome.Result, (long)outcome.Took.TotalMilliseconds, outcome.AllocatedBytes, outcome.Detail?.ReplaceLineEndings(" ") ?? ""));
            Console.Out.Flush();
        });

    // A hung input's thread cannot be stopped: the process ends and the parent goes on after it.
    Directory.Delete(work, recursive: true);
    return hung ? 3 : 0;
}

static int RunParent(Options options)
{
    var corpus = FuzzCorpus.Load();
    var generator = new FuzzGenerator(corpus, options.Seed);
    var summary = new FuzzSummary();
    var state = Path.GetTempFileName();
    var watch = Stopwatch.StartNew();
    Console.WriteLine($"fuzzing {options.Count} inputs from seed {options.Seed} ({corpus.Root}), {options.Batch} per process, {options.Timeout.TotalSeconds:0} s each at most");
    for (var next = 0; next < options.Count;)
    {
        var to = Math.Min(next + options.Batch, options.Count);
        File.WriteAllText(state, "");
        var done = RunBatch(options, next, to, state, outcome => summary.Add(outcome with { Input = generator.Generate(outcome.Input.Index) }), out var exitCode);
        next = done;
        if (next < to && exitCode != 3)
        {
            // The child died in the input it had started: a crash no exception could report.
            var index = int.TryParse(File.ReadAllText(state), CultureInfo.InvariantCulture, out var started) ? started : next;
            summary.Add(new FuzzOutcome(generator.Generate(index), FuzzResult.Crashed, TimeSpan.Zero, 0, $"the process died (exit code {exitCode})"));
            next = index + 1;
        }

        Console.WriteLine($"  {next} / {options.Count} ({watch.Elapsed:hh\\:mm\\:ss}), crashes {summary.Count(FuzzResult.Crashed)}, hangs {summary.Count(FuzzResult.Hung)}");
    }

    File.Delete(state);
    SaveFindings(options.Findings, summary);
    Console.WriteLine();
    Console.WriteLine($"done in {watch.Elapsed:hh\\:mm\\:ss}");
    Console.Write(summary);
    return summary.Findings.Count == 0 ? 0 : 1;
}

// Runs one child process over [from, to); returns the input after the last one that finished.
static int RunBatch(Options options, int from, int to, string state, Action<FuzzOutcome> finished, out int exitCode)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(FuzzRunner).Assembly.Location);
    }

    foreach (var argument in new[] { "--child", "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--from", from.ToString(CultureInfo.InvariantCulture), "--to", to.ToString(CultureInfo.InvariantCulture), "--timeout-seconds", options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--state", state })
    {
        start.ArgumentList.Add(argument);
    }

    using var child = Process.Start(start)!;
    var next = from;
    while (child.StandardOutput.ReadLine() is { } line)
    {
        var parts = line.Split('\t', 6);
        if (parts is ["OUTCOME", var index, var result, var ms, var bytes, var detail])
        {
            var number = int.Parse(index, CultureInfo.InvariantCulture);
            var placeholder = new FuzzInput(number, FuzzKind.Pattern, "", "", "");
            finished(new FuzzOutcome(placeholder, Enum.Parse<FuzzResult>(result), TimeSpan.FromMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)), long.Parse(bytes, CultureInfo.InvariantCulture), detail.Length == 0 ? null : detail));
            next = number + 1;
        }
    }

    child.WaitForExit();
    exitCode = child.ExitCode;
    return next;
}

static void SaveFindings(string directory, FuzzSummary summary)
{
    if (summary.Findings.Count == 0)
    {
        return;
    }

    Directory.CreateDirectory(directory);
    foreach (var finding in summary.Findings)
    {
        File.WriteAllText(Path.Combine(directory, finding.Input.FileName), finding.Input.Text);
    }

    File.WriteAllText(Path.Combine(directory, "summary.txt"), summary.ToString());
    Console.WriteLine($"findings written to {directory}");
}

/// <summary>The command line.</summary>
internal sealed record Options(int Count, int Seed, int Batch, TimeSpan Timeout, string Findings, bool Child, int From, int To, string? State, int? Explain)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var count = Number("--count", 10_000);
        return new Options(
            count,
            Number("--seed", 1),
            Number("--batch", 500),
            TimeSpan.FromSeconds(Number("--timeout-seconds", 60)),
            Value("--findings") ?? Path.Combine("artifacts", "fuzz-findings"),
            args.Contains("--child"),
            Number("--from", 0),
            Number("--to", count),
            Value("--state"),
            Value("--explain") is { } index ? int.Parse(index, CultureInfo.InvariantCulture) : null);
    }
}
