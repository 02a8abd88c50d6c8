using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Definitions.Validation;
using PatternEngine.Guards;
using PatternEngine.Library;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;
using PatternEngine.Selection;
using PatternEngine.Stages;
using PatternEngine.Stages.Guard;
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
/// prompt function rendered by Scriban, and every model call goes through the engine's pipeline. A
/// <see cref="PatternRuntime"/> holds one; the routes' capabilities (native function calling, structured output)
/// come from the router inside the pipeline.
/// </summary>
internal sealed class PatternCompiler
{
    private readonly Kernel _kernel;
    private readonly ModelRouter _router;
    private readonly TimeProvider _time;
    private readonly PatternLoadOptions _loadOptions;
    private readonly Cassette? _cassette;
    private readonly EngineTelemetry _telemetry;
    private readonly IModerationClient? _moderation;
    private readonly ScribanPromptTemplateFactory _templates = new();

    /// <param name="pipeline">What every model call goes through.</param>
    /// <param name="router">The router inside it.</param>
    /// <param name="plugins">The plugins whose functions prompts may name under <c>tools</c>.</param>
    /// <param name="time">The clock latencies are measured with.</param>
    /// <param name="library">Where included patterns named by name are found.</param>
    /// <param name="cassette">The cassette the pipeline writes to, whose lines are written out before a run returns.</param>
    /// <param name="telemetry">Where runs and stages are reported (the pipeline reports the calls).</param>
    /// <param name="moderation">The moderation endpoint guards' <c>moderation</c> checks ask, if any.</param>
    public PatternCompiler(
        IChatClient pipeline, ModelRouter router, IReadOnlyList<KernelPlugin> plugins, TimeProvider time, PatternLibrary? library, Cassette? cassette, EngineTelemetry telemetry,
        IModerationClient? moderation = null)
    {
        _moderation = moderation;
        _router = router;
        _time = time;
        _cassette = cassette;
        _loadOptions = new PatternLoadOptions { Library = library };
        _telemetry = telemetry;
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(pipeline);
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter, NativeToolCalls>();
        foreach (var plugin in plugins)
        {
            builder.Plugins.Add(plugin);
        }

        _kernel = builder.Build();
    }

    /// <summary>
    /// Checks a definition and compiles it, with every pattern it includes: each included pattern once (per set of
    /// model overrides), however many stages run it. Included patterns a definition built in code has not resolved
    /// are found as <see cref="PatternFile.ResolveIncludes"/> finds them.
    /// </summary>
    /// <exception cref="PatternFileException">The definition is invalid or names a tool no plugin provides.</exception>
    public CompiledPattern Compile(PatternDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Compile(PatternFile.ResolveIncludes(definition, _loadOptions), new Dictionary<(PatternDefinition, string), CompiledPattern>(IncludeKey.Comparer), depth: 0);
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
        return new CompiledPattern(definition, TopologicalOrder(nodes), _kernel, _time, _cassette, _telemetry, depth == 0 ? this : null);
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
        return names.Count == 0 ? "none (add plugins with PatternEngineBuilder.AddPlugins)" : string.Join(", ", names);
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
            FanOutStage fanOut => new FanOutNode(fanOut, dependsOn, Body(fanOut.Body), Stopping(fanOut)),
            MapStage map => new MapNode(map, dependsOn, Body(map.Body)),
            ReduceStage reduce => new ReduceNode(reduce, dependsOn),
            RefineStage refine => new RefineNode(refine, dependsOn, Call("critique", refine.Critique), Call("revise", refine.Revise)),
            TournamentStage tournament => new TournamentNode(tournament, dependsOn, Call("judge", tournament.Judge)),
            PatternStage patternStage => new PatternNode(patternStage, dependsOn, included!),
            GuardStage guard => new GuardNode(guard, dependsOn, spec => Call("sentinel", spec), _moderation),
            RememberStage remember => new Stages.Remember.RememberNode(remember, dependsOn),
            RecallStage recall => new Stages.Recall.RecallNode(recall, dependsOn),
            _ => throw new NotSupportedException($"stage kind {stage.GetType().Name} has no compiler"),
        };
    }

    // A prompt body's waves stay within its route's concurrency; an included pattern's calls may take several routes.
    private SampleStopping? Stopping(FanOutStage fanOut) => fanOut.EffectiveStop is { } rule
        ? new SampleStopping(rule, fanOut.Body is { } body ? _router.Resolve(body.Model).MaxConcurrency : null)
        : null;

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
