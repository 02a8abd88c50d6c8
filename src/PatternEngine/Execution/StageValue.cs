using System.Collections.Immutable;
using System.Text.Json;

namespace PatternEngine.Execution;

/// <summary>What a stage produced: one text, a list of texts, or nothing (an answer that could not be parsed).</summary>
public sealed record StageValue
{
    private StageValue(string? text, ImmutableArray<string?>? items)
    {
        Text = text;
        Items = items;
    }

    /// <summary>The value when it is one text; null for a list or for nothing.</summary>
    public string? Text { get; }

    /// <summary>The value when it is a list; items are null where a sample produced nothing.</summary>
    public ImmutableArray<string?>? Items { get; }

    /// <summary>Whether the value is a list.</summary>
    public bool IsList => Items is not null;

    /// <summary>No value: the answer could not be parsed or extracted.</summary>
    public static StageValue None { get; } = new(null, null);

    /// <summary>One text.</summary>
    public static StageValue Of(string? text) => text is null ? None : new(text, null);

    /// <summary>A list of texts.</summary>
    public static StageValue List(IEnumerable<string?> items) => new(null, [.. items]);

    /// <summary>The value as a list: a list as it is, one text as a list of one, nothing as an empty list.</summary>
    public ImmutableArray<string?> AsList() => Items ?? (Text is null ? [] : [Text]);

    /// <summary>The value as one item of a list: the text, a list as its JSON array, nothing as null.</summary>
    public string? AsItem() => Items is { } items ? JsonSerializer.Serialize(items) : Text;

    /// <summary>What templates receive: the text, or the list of texts (missing items as empty text).</summary>
    public object ToTemplateValue() => Items is { } items ? items.Select(i => i ?? "").ToList() : Text ?? "";

    /// <inheritdoc />
    public override string ToString() => Items is { } items ? string.Join(Environment.NewLine, items) : Text ?? "";
}
