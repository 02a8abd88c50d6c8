using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.SemanticKernel;
using PatternEngine.Execution;

namespace PatternEngine.Compilation;

/// <summary>
/// Records the functions a model calls natively, and holds it to the prompt's round limit. Semantic Kernel runs
/// the calls (its function-invoking chat client); this filter sees each one. A function that throws becomes an
/// error result the model reads, never a failed run.
/// </summary>
internal sealed class NativeToolCalls : IAutoFunctionInvocationFilter
{
    private static readonly AsyncLocal<Scope?> Current = new();

    // Arguments are recorded as the model meant them ("12 + 30", not "12 \u002B 30"); the record is not HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Starts recording the calls of one prompt call, made under the returned scope.</summary>
    public static Scope Begin(int maxRounds)
    {
        var scope = new Scope(maxRounds);
        Current.Value = scope;
        return scope;
    }

    [SuppressMessage("Design", "CA1031", Justification = "A tool that throws becomes an error message for the model.")]
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var scope = Current.Value;
        if (scope is not null && scope.Rounds >= scope.MaxRounds)
        {
            scope.Exhausted = true;
            context.Terminate = true;
            return;
        }

        var name = $"{context.Function.PluginName}.{context.Function.Name}";
        var arguments = JsonSerializer.Serialize(context.Arguments?.ToDictionary(a => a.Key, a => a.Value?.ToString()) ?? [], Readable);
        try
        {
            await next(context).ConfigureAwait(false);
            scope?.Add(new ToolCallRecord(name, arguments, context.Result.ToString(), null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = (e.InnerException ?? e).Message;
            context.Result = new FunctionResult(context.Function, "error: " + error);
            scope?.Add(new ToolCallRecord(name, arguments, "error: " + error, error));
        }
    }

    /// <summary>The calls of one prompt call.</summary>
    internal sealed class Scope(int maxRounds)
    {
        private readonly List<ToolCallRecord> _calls = [];

        public int MaxRounds { get; } = maxRounds;

        public int Rounds
        {
            get
            {
                lock (_calls)
                {
                    return _calls.Count;
                }
            }
        }

        /// <summary>Whether the model asked for more calls than the limit allows.</summary>
        public bool Exhausted { get; set; }

        public ImmutableArray<ToolCallRecord> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public void Add(ToolCallRecord call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
        }
    }
}
