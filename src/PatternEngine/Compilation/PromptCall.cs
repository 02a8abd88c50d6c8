using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Templates;

namespace PatternEngine.Compilation;

/// <summary>
/// A compiled prompt: a Semantic Kernel prompt function (Scriban template), the settings it is sent with, the
/// parser of its answers and the tools it may call. Immutable; one instance serves every call and every run.
/// </summary>
internal sealed class PromptCall
{
    private readonly ImmutableDictionary<string, KernelFunction> _tools;
    private readonly string? _toolInstructions;
    private readonly bool _nativeTools;
    private readonly System.Text.Json.JsonElement? _responseFormat;

    /// <param name="name">The kernel function's name.</param>
    /// <param name="spec">The prompt.</param>
    /// <param name="templates">The Scriban template factory.</param>
    /// <param name="tools">The functions the prompt may call.</param>
    /// <param name="functionCalling">Whether the prompt's model calls functions natively; if not, the text protocol is used.</param>
    public PromptCall(string name, PromptSpec spec, IPromptTemplateFactory templates, IEnumerable<KernelFunction> tools, bool functionCalling)
    {
        Spec = spec;
        _tools = tools.ToImmutableDictionary(t => $"{t.PluginName}.{t.Name}", StringComparer.Ordinal);
        _nativeTools = functionCalling && !_tools.IsEmpty;
        _toolInstructions = _tools.IsEmpty || _nativeTools
            ? null
            : ToolProtocol.Instructions(_tools.Values.OrderBy(t => t.PluginName + "." + t.Name, StringComparer.Ordinal));
        Function = KernelFunctionFactory.CreateFromPrompt(
            new PromptTemplateConfig(PromptSource.Compose(spec, textToolProtocol: _toolInstructions is not null))
            {
                Name = name,
                TemplateFormat = ScribanPromptTemplateFactory.TemplateFormat,
            },
            templates);
        Parser = new AnswerParser(spec);
        _responseFormat = spec.OutputSchema is { } schema ? System.Text.Json.JsonDocument.Parse(schema).RootElement.Clone() : null;
    }

    public PromptSpec Spec { get; }

    public KernelFunction Function { get; }

    public AnswerParser Parser { get; }

    /// <summary>Whether the prompt's model honours a JSON Schema <c>response_format</c>; the output schema is then sent with each call.</summary>
    public bool StructuredOutput { get; init; }

    public async Task<PromptResult> InvokeAsync(Kernel kernel, IReadOnlyDictionary<string, object?> variables, int seed, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments(Settings(seed));
        foreach (var (name, value) in variables)
        {
            arguments[name] = value;
        }

        try
        {
            if (_nativeTools)
            {
                return await InvokeWithNativeToolsAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
            }

            if (_toolInstructions is not null)
            {
                return await InvokeWithToolsAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
            }

            var text = await AskAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
            return new PromptResult(Parser.Parse(text), [], null);
        }
        catch (Exception e) when (e is EmptyPromptException or PromptRenderException)
        {
            // What an earlier stage produced can be empty or huge, and a template can loop past its limits at run
            // time: findings of the run, not a crash.
            return new PromptResult(new ParsedAnswer("", StageValue.None, e.Message + "; no call was made"), [], null);
        }
    }

    private async Task<PromptResult> InvokeWithNativeToolsAsync(Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var scope = NativeToolCalls.Begin(Spec.MaxToolRounds);
        var text = await AskAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
        var issue = scope.Exhausted
            ? $"the model still called a tool after {Spec.MaxToolRounds} tool round(s); it was stopped there"
            : null;
        return new PromptResult(Parser.Parse(text), scope.Calls, issue);
    }

    private async Task<PromptResult> InvokeWithToolsAsync(Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var turns = new List<string>();
        var calls = ImmutableArray.CreateBuilder<ToolCallRecord>();
        arguments[PromptSource.ToolInstructionsVariable] = _toolInstructions;
        while (true)
        {
            arguments[PromptSource.ToolTurnsVariable] = turns.ToList();
            var text = await AskAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
            if (ToolProtocol.FindCall(text) is not { } call)
            {
                return new PromptResult(Parser.Parse(text), calls.ToImmutable(), null);
            }

            if (calls.Count == Spec.MaxToolRounds)
            {
                var issue = $"the model still called a tool after {Spec.MaxToolRounds} tool round(s); its last answer is used as it is";
                return new PromptResult(Parser.Parse(text), calls.ToImmutable(), issue);
            }

            var record = await RunToolAsync(kernel, call.Tool, call.Arguments, cancellationToken).ConfigureAwait(false);
            calls.Add(record);
            turns.Add(text.Trim());
            turns.Add($"RESULT {record.Tool}: {record.Result}");
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A tool that throws becomes an error message for the model, never a failed run.")]
    private async Task<ToolCallRecord> RunToolAsync(Kernel kernel, string name, string json, CancellationToken cancellationToken)
    {
        if (!_tools.TryGetValue(name, out var tool))
        {
            var error = $"unknown tool '{name}'; available: {string.Join(", ", _tools.Keys.Order(StringComparer.Ordinal))}";
            return new ToolCallRecord(name, json, "error: " + error, error);
        }

        if (ToolProtocol.ParseArguments(json) is not { } toolArguments)
        {
            const string error = "the arguments are not a JSON object";
            return new ToolCallRecord(name, json, "error: " + error, error);
        }

        try
        {
            var result = await tool.InvokeAsync(kernel, toolArguments, cancellationToken).ConfigureAwait(false);
            return new ToolCallRecord(name, json, result.ToString(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = (e.InnerException ?? e).Message;
            return new ToolCallRecord(name, json, "error: " + error, error);
        }
    }

    private async Task<string> AskAsync(Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await Function.InvokeAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<string>() ?? "";
    }

    private PromptExecutionSettings Settings(int seed)
    {
        var settings = new PromptExecutionSettings
        {
            ModelId = Spec.Model,
            FunctionChoiceBehavior = _nativeTools ? FunctionChoiceBehavior.Auto(_tools.Values, autoInvoke: true) : null,
            ExtensionData = new Dictionary<string, object>
            {
                ["max_tokens"] = Spec.MaxTokens,
                ["temperature"] = Spec.Temperature,
                ["seed"] = (long)seed,
            },
        };

        // Semantic Kernel turns a JSON element under response_format into a JSON Schema response format.
        if (StructuredOutput && _responseFormat is { } schema)
        {
            settings.ExtensionData["response_format"] = schema;
        }

        return settings;
    }
}
