using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// What a developer would write with Semantic Kernel alone to make the calls of the built-in baseline and
/// self-consistency patterns: a kernel with the chat client registered, prompt functions in SK's own template
/// format, the execution settings the engine's calls reach the model with (max_tokens, temperature, a seed).
/// </summary>
public sealed class HandWritten
{
    private const string SelfConsistencyPrompt =
        "<message role=\"system\">Answer the question. Finish with one line of the form \"Answer: &lt;the answer&gt;\".</message>\n" +
        "<message role=\"user\">{{$question}}</message>";

    private static readonly Regex AnswerLine = new(@"(?im)^\s*answer:\s*(.+)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private readonly KernelFunction _baseline = KernelFunctionFactory.CreateFromPrompt("{{$question}}", functionName: "baseline_answer");
    private readonly KernelFunction _sample = KernelFunctionFactory.CreateFromPrompt(SelfConsistencyPrompt, functionName: "self_consistency_samples");

    public HandWritten(IChatClient client)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(client);
        Kernel = builder.Build();
    }

    public Kernel Kernel { get; }

    /// <summary>
    /// The execution settings the engine's calls reach the model with. No model id: the client is the model, and
    /// the engine's router takes its logical name ("default") off before the call (SameCalls checks this).
    /// </summary>
    public static PromptExecutionSettings Settings(int maxTokens, double temperature, long seed) => new()
    {
        ExtensionData = new Dictionary<string, object>
        {
            ["max_tokens"] = maxTokens,
            ["temperature"] = temperature,
            ["seed"] = seed,
        },
    };

    /// <summary>baseline.yaml by hand: one call.</summary>
    public async Task<string> BaselineAsync(string question)
    {
        var result = await _baseline.InvokeAsync(Kernel, new KernelArguments(Settings(64, 0, 42)) { ["question"] = question });
        return (result.GetValue<string>() ?? "").Trim();
    }

    /// <summary>self-consistency.yaml by hand: five concurrent samples, the answer line of each, a plurality vote.</summary>
    public async Task<string?> SelfConsistencyAsync(string question)
    {
        var samples = await Task.WhenAll(Enumerable.Range(0, 5).Select(seed =>
            _sample.InvokeAsync(Kernel, new KernelArguments(Settings(48, 0.8, seed)) { ["question"] = question })));
        return samples
            .Select(s => AnswerLine.Match(s.GetValue<string>() ?? ""))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Trim())
            .GroupBy(a => a.TrimEnd('.').ToLowerInvariant(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.First())
            .FirstOrDefault();
    }
}
