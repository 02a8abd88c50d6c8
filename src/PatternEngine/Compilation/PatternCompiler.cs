using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Definitions.Validation;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Selection;
using PatternEngine.Stages;
using PatternEngine.Stages.FanOut;
using PatternEngine.Stages.Map;
using PatternEngine.Stages.Prompt;
using PatternEngine.Stages.Pattern;
using PatternEngine.Stages.Reduce;
using PatternEngine.Stages.Refine;
using PatternEngine.Stages.Tournament;
using PatternEngine.Telemetry;
using PatternEngine.Templates;

namespace PatternEngine.Compilation;

/// <summary>
/// Compiles pattern definitions into immutable pipelines on one Semantic Kernel: every prompt becomes a kernel
/// prompt function rendered by Scriban, and every model call passes through the measurement middleware.
/// </summary>
public sealed class PatternCompiler
{
    private readonly Kernel _kernel;
    private readonly ModelRouter _router;
    private readonly EngineTelemetry _telemetry;
    private readonly ScribanPromptTemplateFactory _templates = new();

    /// <summary>
    /// Creates a compiler whose patterns call <paramref name="chatClient"/>: a <see cref="ModelRouter"/>, or any
    /// other client, which then serves every logical model name without being asked for one.
    /// </summary>
    public PatternCompiler(IChatClient chatClient, PatternCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        Options = options ?? new PatternCompilerOptions();
        _router = chatClient as ModelRouter ?? ModelRouter.For(chatClient);
        _telemetry = new EngineTelemetry(_router, Options);

        var pipeline = Pipeline(_router, Options, _telemetry);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(pipeline);
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter, NativeToolCalls>();
        foreach (var plugin in Options.Plugins)
        {
            builder.Plugins.Add(plugin);
        }

        _kernel = builder.Build();
    }

    // Semantic Kernel's function invocation is outermost, so that every round of a native tool conversation is a
    // model call of its own to measure; it passes calls without tools straight through. Resilience is outside the
    // measurement, so that every retry and fallback is a measured call of its own. Streaming sits outside the
    // measurement so that it times the first token; the cassette inside it, so that served answers are recorded as
    // such; the token counting inside the cassette, so that recorded answers already carry their usage. A warm-up
    // run's calls stop just inside the measurement (see WarmUpChatClient), before anything that spends or records.
    // Telemetry sits just outside the measurement, so that each attempt gets a span and its record's figures.
    private static IChatClient Pipeline(ModelRouter router, PatternCompilerOptions options, EngineTelemetry telemetry)
    {
        var builder = new ChatClientBuilder(router).UseKernelFunctionInvocation().UseResilience(router);
        if (options.Streaming)
        {
            builder.UseStreaming();
        }

        builder.UseTelemetry(telemetry).UseMeasurement(options.TimeProvider, options.Catalog).Use(inner => new WarmUpChatClient(inner));
        if (options.Cassette is { } cassette)
        {
            builder.UseCassette(cassette, options.CassetteMode, options.TimeProvider);
        }

        return builder.UseTokenCounting().Build();
    }

    /// <summary>The options the compiler was created with.</summary>
    public PatternCompilerOptions Options { get; }

    /// <summary>
    /// Checks a definition and compiles it, with every pattern it includes: each included pattern once (per set of
    /// model overrides), however many stages run it. Included patterns a definition built in code has not resolved
    /// are found as <see cref="PatternFile.ResolveIncludes"/> finds them.
    /// </summary>
    /// <exception cref="PatternFileException">The definition is invalid or names a tool no plugin provides.</exception>
    public CompiledPattern Compile(PatternDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Compile(PatternFile.ResolveIncludes(definition), new Dictionary<(PatternDefinition, string), CompiledPattern>(IncludeKey.Comparer), depth: 0);
    }

    private CompiledPattern Compile(PatternDefinition definition, Dictionary<(PatternDefinition, string), CompiledPattern> included, int depth)
    {
        var analysis = PatternValidator.Analyze(definition);
        var diagnostics = analysis.Diagnostics.Concat(MissingTools(definition)).ToList();
        if (diagnostics.Count > 0)
        {
            throw new PatternFileException(diagnostics);
        }

        var nodes = definition.Stages
            .Select(stage => CreateNode(definition, stage, [.. analysis.Dependencies[stage.Id]], stage.Includes is { } call ? Include(stage, call, included, depth) : null))
            .ToList();
        return new CompiledPattern(definition, TopologicalOrder(nodes), _kernel, Options.TimeProvider, _telemetry);
    }

    // The pattern a stage runs, compiled once per compilation for each set of overrides (models, temperature) it is run with.
    private IncludedPattern Include(StageDefinition stage, PatternCall call, Dictionary<(PatternDefinition, string), CompiledPattern> included, int depth)
    {
        var definition = call.Definition!; // resolved and validated above
        if (depth >= PatternLoadOptions.DefaultMaxNestingDepth)
        {
            throw new PatternFileException([new Diagnostic(call.Source.Of("pattern"),
                $"patterns nest more than {PatternLoadOptions.DefaultMaxNestingDepth} levels deep at stage '{stage.Id}'")]);
        }

        var key = (definition, IncludeKey.Of(call));
        if (!included.TryGetValue(key, out var compiled))
        {
            var sampled = call.Temperature is { } temperature ? StagePrompts.WithTemperature(definition, temperature) : definition;
            var routed = call.Models.IsEmpty ? sampled : StageModels.WithModels(sampled, call.Models);
            compiled = Compile(routed, included, depth + 1);
            included[key] = compiled;
        }

        return new IncludedPattern(compiled, new InputBindings(call, definition), stage.IncludesPerItem);
    }

    private IEnumerable<Diagnostic> MissingTools(PatternDefinition definition) =>
        from stage in definition.Stages
        from slot in stage.Prompts
        from tool in slot.Prompt.Tools
        where FindTool(tool) is null
        select new Diagnostic(
            slot.Prompt.Source.Of("tools"),
            $"stage '{stage.Id}' names tool '{tool}', which no plugin provides; available: {AvailableTools()}");

    private KernelFunction? FindTool(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _kernel.Plugins.TryGetFunction(name[..dot], name[(dot + 1)..], out var function) ? function : null;
    }

    private string AvailableTools()
    {
        var names = _kernel.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "none (register plugins in PatternCompilerOptions.Plugins)" : string.Join(", ", names);
    }

    private StageNode CreateNode(PatternDefinition pattern, StageDefinition stage, ImmutableArray<string> dependsOn, IncludedPattern? included)
    {
        PromptCall Call(string field, PromptSpec spec) =>
            new(FunctionName(pattern, stage, field), spec, _templates, spec.Tools.Select(t => FindTool(t)!), _router.Resolve(spec.Model).FunctionCalling)
            {
                StructuredOutput = _router.Resolve(spec.Model).StructuredOutput,
            };

        // A body runs its pattern when it has one; validation made sure it has exactly one of the two.
        StageBody Body(PromptSpec? prompt) => included is not null ? new PatternBody(included) : new PromptBody(Call("body", prompt!));

        return stage switch
        {
            PromptStage prompt => new PromptNode(prompt, dependsOn, Call("prompt", prompt.Prompt)),
            FanOutStage fanOut => new FanOutNode(fanOut, dependsOn, Body(fanOut.Body)),
            MapStage map => new MapNode(map, dependsOn, Body(map.Body)),
            ReduceStage reduce => new ReduceNode(reduce, dependsOn),
            RefineStage refine => new RefineNode(refine, dependsOn, Call("critique", refine.Critique), Call("revise", refine.Revise)),
            TournamentStage tournament => new TournamentNode(tournament, dependsOn, Call("judge", tournament.Judge)),
            PatternStage patternStage => new PatternNode(patternStage, dependsOn, included!),
            _ => throw new NotSupportedException($"stage kind {stage.GetType().Name} has no compiler"),
        };
    }

    // Kernel function names allow letters, digits and underscores only.
    private static string FunctionName(PatternDefinition pattern, StageDefinition stage, string field) =>
        $"{pattern.Name.Replace('-', '_')}_{stage.Id}_{field}";

    // Kahn's algorithm, taking ready stages in file order so the plan is stable.
    private static ImmutableArray<StageNode> TopologicalOrder(List<StageNode> nodes)
    {
        var ordered = ImmutableArray.CreateBuilder<StageNode>(nodes.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < nodes.Count)
        {
            var ready = nodes.First(n => !placed.Contains(n.Id) && n.DependsOn.All(placed.Contains));
            ordered.Add(ready);
            placed.Add(ready.Id);
        }

        return ordered.MoveToImmutable();
    }
}
