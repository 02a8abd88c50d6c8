using System.Diagnostics;

namespace PatternEngine.Fuzz;

/// <summary>
/// Runs inputs one after the other, each within <see cref="Timeout"/>, measuring how long each took and what the process
/// allocated meanwhile. A hung input leaves its thread running, so the run stops there.
/// </summary>
internal sealed class FuzzRunner(FuzzGenerator generator, TimeSpan timeout, string workDirectory)
{
    private readonly FuzzTarget _target = new(generator.Corpus, workDirectory);

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Runs inputs <paramref name="from"/> to <paramref name="to"/> (exclusive); stops after a hang.</summary>
    /// <param name="from">The first input.</param>
    /// <param name="to">One past the last input.</param>
    /// <param name="starting">Told each input before it runs (a child process writes it down, in case it dies).</param>
    /// <param name="finished">Told each outcome.</param>
    public void Run(int from, int to, Action<FuzzInput> starting, Action<FuzzOutcome> finished)
    {
        for (var index = from; index < to; index++)
        {
            var input = generator.Generate(index);
            starting(input);
            var outcome = RunOne(input);
            finished(outcome);
            if (outcome.Result == FuzzResult.Hung)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Runs a built-in pattern once, unmeasured, so that the first input of a process does not carry the JIT compilation
    /// and the schema, template and kernel set-up every input after it is spared.
    /// </summary>
    public void WarmUp()
    {
        var (name, text) = generator.Corpus.Patterns[0];
        _ = RunOne(new FuzzInput(-1, FuzzKind.Pattern, name, "none", text));
    }

    public FuzzOutcome RunOne(FuzzInput input)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => _target.RunAsync(input));
        if (!run.Wait(Timeout))
        {
            return new FuzzOutcome(input, FuzzResult.Hung, watch.Elapsed, GC.GetTotalAllocatedBytes() - allocated, $"still running after {Timeout.TotalSeconds:0} s");
        }

        var (result, detail) = run.Result;
        return new FuzzOutcome(input, result, watch.Elapsed, GC.GetTotalAllocatedBytes() - allocated, detail);
    }
}
