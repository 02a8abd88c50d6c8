using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PatternEngine.Benchmarks.Support;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;
using PatternEngine.Templates;

namespace PatternEngine.Benchmarks;

/// <summary>
/// Where the compiled pipeline's overhead over hand-written Semantic Kernel goes (see
/// <see cref="PipelineOverheadBenchmarks"/>): baseline.yaml's one call on a model that answers at once, adding the
/// engine's layers one at a time. Each row minus the one above is the cost of one layer:
/// <list type="number">
/// <item>hand-written SK: SK's own template format, a plain prompt, the chat client registered as it is;</item>
/// <item>+ chat markup: the same prompt as a <c>&lt;message role="user"&gt;</c> element, which is what the engine's
/// templates render (every message encoded as data), so SK parses the prompt as XML;</item>
/// <item>+ Scriban: the engine's <see cref="ScribanPromptTemplateFactory"/> renders the prompt instead of SK's template;</item>
/// <item>+ router: the client behind a <see cref="ModelRouter"/>;</item>
/// <item>+ function invocation: Semantic Kernel's function-invoking chat client around the router (it passes calls without tools through);</item>
/// <item>+ measurement: all that behind the measurement middleware, a call scope open (the compiler's pipeline);</item>
/// <item>compiled pattern: the whole run (inputs bound, runner, stage context, answer parsing, run record).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class PipelineLayersBenchmarks
{
    private const string Question = "What is six times seven?";

    private KernelFunction? _skFunction;
    private KernelFunction? _skMarkupFunction;
    private KernelFunction? _scribanFunction;
    private Kernel? _plain;
    private Kernel? _routed;
    private Kernel? _invoking;
    private Kernel? _measured;
    private CompiledPattern? _compiled;

    [GlobalSetup]
    public void Setup()
    {
        IChatClient model = FixedLatencyChatClient.Instant("Six sevens make 42.\nAnswer: 42");
        var definition = Repository.Load("baseline");
        var template = ((PromptStage)definition.Stages[0]).Prompt.Template;

        _skFunction = KernelFunctionFactory.CreateFromPrompt("{{$question}}", functionName: "baseline_answer");
        _skMarkupFunction = KernelFunctionFactory.CreateFromPrompt("<message role=\"user\">{{$question}}</message>", functionName: "baseline_answer_markup");
        _scribanFunction = KernelFunctionFactory.CreateFromPrompt(
            new PromptTemplateConfig(template) { Name = "baseline_answer_prompt", TemplateFormat = ScribanPromptTemplateFactory.TemplateFormat },
            new ScribanPromptTemplateFactory());
        _plain = new HandWritten(model).Kernel;
        var engine = new PatternEngineBuilder().UseChatClient(model).Build();
        _routed = new HandWritten(engine.Router).Kernel;
        _invoking = new HandWritten(new ChatClientBuilder(engine.Router).UseKernelFunctionInvocation().Build()).Kernel;
        _measured = new HandWritten(new ChatClientBuilder(engine.Router).UseKernelFunctionInvocation().Use(Measurement.Wrap).Build()).Kernel;
        _compiled = engine.Compile(definition);
    }

    [Benchmark(Baseline = true, Description = "1 hand-written SK")]
    public Task<string> HandWritten() => CallAsync(_skFunction!, _plain!);

    [Benchmark(Description = "2 + chat markup")]
    public Task<string> Markup() => CallAsync(_skMarkupFunction!, _plain!);

    [Benchmark(Description = "3 + Scriban template")]
    public Task<string> Scriban() => CallAsync(_scribanFunction!, _plain!);

    [Benchmark(Description = "4 + router")]
    public Task<string> Routed() => CallAsync(_scribanFunction!, _routed!);

    [Benchmark(Description = "5 + function invocation")]
    public Task<string> Invoking() => CallAsync(_scribanFunction!, _invoking!);

    [Benchmark(Description = "6 + measurement")]
    public async Task<string> Measured()
    {
        CallScope.Begin("answer");
        return await CallAsync(_scribanFunction!, _measured!);
    }

    [Benchmark(Description = "7 compiled pattern")]
    public Task<RunRecord> Compiled() => _compiled!.RunAsync(Repository.Inputs);

    private static async Task<string> CallAsync(KernelFunction function, Kernel kernel)
    {
        var result = await function.InvokeAsync(kernel, new KernelArguments(Support.HandWritten.Settings(64, 0, 42)) { ["question"] = Question });
        return result.GetValue<string>() ?? "";
    }
}
