using System.Collections.Immutable;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PatternEngine.Definitions.FieldOverrides;

namespace PatternEngine.Definitions.Loading;

/// <summary>Reads <c>modes:</c> (mode, stage id, field, value) into overrides located where each value was written.</summary>
internal static class ModeMapper
{
    public static ImmutableSortedDictionary<string, StageOverrides> Map(JObject modes, LocatedJson document) =>
        modes.Properties().ToImmutableSortedDictionary(
            mode => mode.Name,
            mode => new StageOverrides
            {
                Settings = [.. ((JObject)mode.Value).Properties().SelectMany(stage => ((JObject)stage.Value).Properties().Select(field =>
                    new StageOverride(stage.Name, field.Name, Text(field.Value), document.LocationOf(field.Value))))],
            },
            StringComparer.Ordinal);

    private static string Text(JToken value) => value is JValue { Value: var v } ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : value.ToString();
}
