using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.AI;
using PatternEngine.Compilation;

namespace PatternEngine.Benchmarks.Support;

/// <summary>
/// Reaches the engine's internal measurement middleware without InternalsVisibleTo: <c>MeasuringChatClient</c>
/// (what <c>UseMeasurement</c> adds to the pipeline, given the compiler's default options) and
/// <c>CallScope.Begin</c> (what the runner opens per stage), found by reflection once, then called directly. A change
/// of either in src/ fails the benchmark's setup with a message saying so, not the build.
/// </summary>
public static class Measurement
{
    private const string Namespace = "PatternEngine.Models.Measurement.";

    private static readonly Assembly Engine = typeof(PatternCompiler).Assembly;

    /// <summary>
    /// The middleware around <paramref name="inner"/>, made as <see cref="PatternCompiler"/> makes it with default
    /// options: the client, the options' clock and whatever else its constructor takes from the options (by type).
    /// </summary>
    public static IChatClient Wrap(IChatClient inner)
    {
        var type = Type("MeasuringChatClient");
        var defaults = new PatternCompilerOptions();
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException("MeasuringChatClient has no public constructor: update the measurement benchmarks");
        var arguments = constructor.GetParameters().Select(p => p.ParameterType == typeof(IChatClient) ? inner
            : typeof(PatternCompilerOptions).GetProperties().FirstOrDefault(o => o.PropertyType == p.ParameterType)?.GetValue(defaults)
                ?? throw new InvalidOperationException($"MeasuringChatClient takes a {p.ParameterType.Name}, which PatternCompilerOptions does not give: update the measurement benchmarks"));
        return (IChatClient)constructor.Invoke([.. arguments]);
    }

    /// <summary>
    /// Opens a call scope for the rest of the calling async method, as the runner does for each stage: a compiled
    /// call of <c>CallScope.Begin(stageId, ...)</c>, its other parameters at their defaults.
    /// </summary>
    public static Func<string, object> BeginScope()
    {
        var begin = Type("CallScope").GetMethod("Begin", BindingFlags.Public | BindingFlags.Static);
        var parameters = begin?.GetParameters() ?? [];
        if (begin is null || parameters.Length == 0 || parameters[0].ParameterType != typeof(string) || parameters.Skip(1).Any(p => !p.HasDefaultValue))
        {
            throw new InvalidOperationException("CallScope.Begin(string stageId, optional...) is gone: update the measurement benchmarks");
        }

        var stageId = Expression.Parameter(typeof(string), "stageId");
        var call = Expression.Call(begin, [stageId, .. parameters.Skip(1).Select(p => Expression.Constant(p.DefaultValue, p.ParameterType))]);
        return Expression.Lambda<Func<string, object>>(call, stageId).Compile();
    }

    /// <summary>The calls recorded in a scope.</summary>
    public static int RecordedCalls(object scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var calls = scope.GetType().GetProperty("Calls")?.GetValue(scope) as System.Collections.ICollection
            ?? throw new InvalidOperationException("CallScope.Calls is gone: update the measurement benchmarks");
        return calls.Count;
    }

    private static Type Type(string name) => Engine.GetType(Namespace + name)
        ?? throw new InvalidOperationException($"{Namespace}{name} is gone: update the measurement benchmarks");
}
