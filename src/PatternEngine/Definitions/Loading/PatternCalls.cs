using System.Collections.Immutable;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Definitions.Loading;

/// <summary>
/// Reads a pattern call (a <c>pattern</c> stage, or a pattern body) from a schema-valid document. A binding written
/// as a number, a boolean or a list becomes the Scriban expression of that value, so that it keeps its type.
/// </summary>
internal static class PatternCalls
{
    public static PatternCall Map(JObject owner, LocatedJson document) => new()
    {
        Pattern = owner.Value<string>("pattern")!,
        Inputs = owner["inputs"] is JObject inputs
            ? inputs.Properties().ToImmutableDictionary(p => p.Name, p => Binding(p.Value), StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty,
        Models = owner["models"] is JObject models
            ? models.Properties().ToImmutableDictionary(p => p.Name, p => p.Value.Value<string>()!, StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty,
        Temperature = owner.Value<double?>("temperature"),
        Source = document.SpanOf(owner),
        InputsSource = owner["inputs"] is JObject i ? document.SpanOf(i) : null,
        ModelsSource = owner["models"] is JObject m ? document.SpanOf(m) : null,
    };

    // A JSON number, boolean or array of strings is also a Scriban literal.
    private static string Binding(JToken value) => value switch
    {
        JValue { Value: string text } => text,
        JValue { Value: bool truth } => truth ? "{{ true }}" : "{{ false }}",
        JValue { Value: double number } => "{{ " + number.ToString("R", CultureInfo.InvariantCulture) + " }}",
        JValue { Value: IFormattable number } => "{{ " + number.ToString(null, CultureInfo.InvariantCulture) + " }}",
        _ => "{{ " + value.ToString(Formatting.None) + " }}",
    };
}
