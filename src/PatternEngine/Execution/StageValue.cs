using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace PatternEngine.Execution;

/// <summary>
/// What a stage produced: one text, a list of texts, or nothing (an answer that could not be parsed). Inputs may also
/// be a boolean or a number, which templates and <c>when</c> expressions see as themselves; their <see cref="Text"/>
/// is their invariant form (<c>true</c>, <c>10</c>, <c>2.5</c>).
/// </summary>
public sealed record StageValue
{
    // A boolean, long or double when the value is one; templates get it rather than its text.
    private readonly object? _scalar;

    private StageValue(string? text, ImmutableArray<string?>? items, object? scalar = null)
    {
        Text = text;
        Items = items;
        _scalar = scalar;
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

    /// <summary>A boolean, which templates see as <c>true</c> or <c>false</c> rather than as text.</summary>
    public static StageValue Of(bool value) => new(value ? "true" : "false", null, value);

    /// <summary>A whole number, which templates see as a number.</summary>
    public static StageValue Of(long value) => new(value.ToString(CultureInfo.InvariantCulture), null, value);

    /// <summary>A number, which templates see as a number; NaN and infinities are not numbers a pattern can use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is NaN or infinite.</exception>
    public static StageValue Of(double value) => double.IsFinite(value)
        ? new(value.ToString("R", CultureInfo.InvariantCulture), null, value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "a number must be finite");

    /// <summary>A list of texts.</summary>
    public static StageValue List(IEnumerable<string?> items) => new(null, [.. items]);

    /// <summary>The value as a list: a list as it is, one text as a list of one, nothing as an empty list.</summary>
    public ImmutableArray<string?> AsList() => Items ?? (Text is null ? [] : [Text]);

    /// <summary>The value as one item of a list: the text, a list as its JSON array, nothing as null.</summary>
    public string? AsItem() => Items is { } items ? JsonSerializer.Serialize(items) : Text;

    /// <summary>What templates receive: the boolean or number, the text, or the list of texts (missing items as empty text).</summary>
    public object ToTemplateValue() => Items is { } items ? items.Select(i => i ?? "").ToList() : _scalar ?? Text ?? "";

    /// <inheritdoc />
    public override string ToString() => Items is { } items ? string.Join(Environment.NewLine, items) : Text ?? "";
}
