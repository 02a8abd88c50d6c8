using System.Collections.Immutable;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Definitions.Loading;

/// <summary>A YAML document read as JSON, remembering where every value and property was written.</summary>
internal sealed class LocatedJson(JToken root, string file, IReadOnlyDictionary<JToken, SourceLocation> locations)
{
    public JToken Root { get; } = root;

    public string File { get; } = file;

    /// <summary>Where a token was written; properties resolve to their key, other tokens to their value.</summary>
    public SourceLocation LocationOf(JToken? token)
    {
        for (var current = token; current is not null; current = current.Parent)
        {
            if (locations.TryGetValue(current, out var location))
            {
                return location;
            }
        }

        return new SourceLocation(File, 1, 1);
    }

    /// <summary>Where a property's value was written, or the object itself when the property is absent.</summary>
    public SourceLocation LocationOf(JObject owner, string property) =>
        LocationOf(owner.TryGetValue(property, out var value) ? value : owner);

    public SourceSpan SpanOf(JObject owner) => new()
    {
        Start = LocationOf(owner),
        Fields = owner.Properties().ToDictionary(p => p.Name, p => LocationOf(p.Value)).ToImmutableDictionary(),
    };
}
