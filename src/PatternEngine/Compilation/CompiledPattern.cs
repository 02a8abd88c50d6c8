using System.Collections.Immutable;
using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Recording;
using PatternEngine.Stages;
using PatternEngine.Telemetry;

namespace PatternEngine.Compilation;

/// <summary>A pattern compiled into a DAG of stages on a Semantic Kernel. Immutable; run it as often as you like, concurrently too.</summary>
public sealed class CompiledPattern
{
    private readonly Kernel _kernel;
    private readonly TimeProvider _time;
    private readonly Cassette? _cassette;
    private readonly PatternCompiler? _compiler;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompiledPattern> _modes = new(StringComparer.Ordinal);

    internal CompiledPattern(
        PatternDefinition definition, ImmutableArray<StageNode> nodes, Kernel kernel, TimeProvider time, Cassette? cassette, EngineTelemetry telemetry,
        PatternCompiler? compiler = null)
    {
        _compiler = compiler;
        Definition = definition;
        Telemetry = telemetry;
        Nodes = nodes;
        _kernel = kernel;
        _time = time;
        _cassette = cassette;
        Plan = PatternPlan.Describe(definition, nodes);
    }

    /// <summary>The definition this was compiled from.</summary>
    public PatternDefinition Definition { get; }

    /// <summary>What the compiler made of the definition: the stages in execution order, their waves and calls.</summary>
    public PatternPlan Plan { get; }

    internal ImmutableArray<StageNode> Nodes { get; }

    /// <summary>
    /// The pattern in its mode <paramref name="mode"/> (its <c>modes:</c> overrides applied), compiled by the same engine
    /// once and kept; this pattern itself when it is already in that mode.
    /// </summary>
    /// <exception cref="PatternFileException">The pattern declares no such mode.</exception>
    public CompiledPattern WithMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode == Definition.Mode)
        {
            return this;
        }

        var compiler = _compiler ?? throw new InvalidOperationException("a pattern compiled inside another has no modes of its own");
        return _modes.GetOrAdd(mode, m => compiler.Compile(Definitions.FieldOverrides.PatternModes.Apply(Definition, m)));
    }

    /// <summary>The engine's telemetry, which the runs report to.</summary>
    internal EngineTelemetry Telemetry { get; }

    /// <summary>
    /// Runs the pattern on the given inputs (names as declared; values as text). When it returns (or throws), every
    /// line the run gave its log and the engine's cassette is written and flushed.
    /// </summary>
    /// <exception cref="PatternInputException">An input is missing, unknown or not of its type.</exception>
    /// <exception cref="PatternRunException">A call failed; the exception keeps what was measured before.</exception>
    public Task<RunRecord> RunAsync(IReadOnlyDictionary<string, string> inputs, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (options?.Mode is { } mode && mode != Definition.Mode)
        {
            return WithMode(mode).RunAsync(inputs, options, cancellationToken);
        }

        var bound = InputBinder.Bind(Definition, inputs);
        var run = new PatternRunner(this, _kernel, _time).RunAsync(bound, options ?? new RunOptions(), cancellationToken);

        // Without a cassette there is nothing more to wait for: no extra async layer.
        return _cassette is null ? run : WrittenOutAsync(run, _cassette);
    }

    private static async Task<RunRecord> WrittenOutAsync(Task<RunRecord> run, Cassette cassette)
    {
        try
        {
            return await run.ConfigureAwait(false);
        }
        finally
        {
            await cassette.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the pattern once on the given inputs with every model call answered at once by a stand-in, just inside the
    /// measurement: nothing reaches the cassette, the model or a provider, nothing is logged or costed. The process's
    /// first run pays for JIT compilation and the kernel's lazy set-up, which would otherwise land in the first measured
    /// stage; call this before a lone measured run. Returns how long it took: start-up that run no longer carries. Its
    /// failures are ignored (the measured run meets its real answers).
    /// </summary>
    /// <exception cref="PatternInputException">An input is missing, unknown or not of its type.</exception>
    public async Task<TimeSpan> WarmUpAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var bound = InputBinder.Bind(Definition, inputs);
        var started = _time.GetTimestamp();
        using (WarmUpChatClient.Begin())
        {
            try
            {
                await new PatternRunner(this, _kernel, _time).RunAsync(bound, new RunOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (PatternRunException) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever a stand-in answer makes the pattern do, the measured run meets its real answers.
            }
        }

        return _time.GetElapsedTime(started);
    }

    /// <summary>
    /// Runs the pattern inside a stage of another: its stages are recorded under <paramref name="prefix"/>, its calls
    /// go to <paramref name="onCall"/> (the including run's log), and it writes no run line of its own.
    /// </summary>
    internal Task<RunRecord> RunNestedAsync(
        IReadOnlyDictionary<string, StageValue> inputs, int seed, string prefix, Action<CallRecord>? onCall, Conversations.ConversationScope? conversation,
        CancellationToken cancellationToken) =>
        new PatternRunner(this, _kernel, _time).RunNestedAsync(inputs, seed, prefix, onCall, conversation, cancellationToken);
}
