using System.Collections;
using System.Globalization;
using System.Text.Json;
using PatternEngine.Definitions;

namespace PatternEngine.Execution;

/// <summary>
/// Turns what a run is given for an input into a value of the input's declared type: text from the command line,
/// a golden file or a default, or what a binding of an including pattern evaluated to (a boolean, a number, text or
/// an array). A boolean stays a boolean and a number a number, so that templates and <c>when</c> see them as such.
/// </summary>
internal static class InputValues
{
    /// <summary>The value of <paramref name="text"/> as <paramref name="type"/>, or null and why it is not one.</summary>
    public static StageValue? FromText(InputType type, string text, out string? problem)
    {
        problem = null;
        switch (type)
        {
            case InputType.Number:
                return Number(text, out problem);
            case InputType.Boolean when bool.TryParse(text, out var truth):
                return StageValue.Of(truth);
            case InputType.Boolean:
                problem = $"must be true or false, not '{text}'";
                return null;
            case InputType.List:
                return List(text, out problem);
            default:
                return StageValue.Of(text);
        }
    }

    /// <summary>
    /// The value a binding evaluated to (Scriban's boolean, number, text, array or null) as <paramref name="type"/>,
    /// or null and why it is not one. Text converts as command-line text does; a list given for text becomes its JSON.
    /// </summary>
    public static StageValue? FromObject(InputType type, object? value, out string? problem)
    {
        problem = null;
        switch (value)
        {
            case string text:
                return FromText(type, text, out problem);
            case null:
                return FromText(type, "", out problem);
            case bool truth when type is InputType.Boolean or InputType.String:
                return type == InputType.Boolean ? StageValue.Of(truth) : StageValue.Of(truth ? "true" : "false");
            case IEnumerable items when type is InputType.List or InputType.String:
                var texts = items.Cast<object?>().Select(ItemText).ToList();
                return type == InputType.List ? StageValue.List(texts) : StageValue.Of(JsonSerializer.Serialize(texts));
            case IConvertible number when IsNumber(value) && type is InputType.Number or InputType.String:
                var typed = FromNumber(number, out problem);
                return type == InputType.Number || typed is null ? typed : StageValue.Of(typed.Text);
            default:
                problem = $"must be {Describe(type)}, not {DescribeValue(value)}";
                return null;
        }
    }

    /// <summary>The type as a phrase: a number, true or false, a list, text.</summary>
    public static string Describe(InputType type) => type switch
    {
        InputType.Number => "a number",
        InputType.Boolean => "true or false",
        InputType.List => "a list",
        _ => "text",
    };

    private static StageValue? Number(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return StageValue.Of(whole);
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (double.IsFinite(number))
            {
                return StageValue.Of(number);
            }

            problem = $"must be a finite number, not '{text}' (NaN and infinities are refused)";
            return null;
        }

        problem = $"must be a number, not '{text}'";
        return null;
    }

    private static StageValue? FromNumber(IConvertible number, out string? problem)
    {
        problem = null;
        if (number is long or int or short or sbyte or byte or ushort or uint)
        {
            return StageValue.Of(number.ToInt64(CultureInfo.InvariantCulture));
        }

        var value = number.ToDouble(CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            problem = $"must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)} (NaN and infinities are refused)";
            return null;
        }

        return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? StageValue.Of((long)value) : StageValue.Of(value);
    }

    // A list is a JSON array of strings, or one item per line.
    private static StageValue? List(string text, out string? problem)
    {
        problem = null;
        if (!text.TrimStart().StartsWith('['))
        {
            return StageValue.List(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        try
        {
            return StageValue.List(JsonSerializer.Deserialize<List<string?>>(text) ?? []);
        }
        catch (JsonException e)
        {
            problem = $"is not a JSON array of strings: {e.Message}";
            return null;
        }
    }

    private static bool IsNumber(object value) => value is long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal;

    private static string? ItemText(object? item) => item switch
    {
        null => null,
        string text => text,
        bool truth => truth ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => item.ToString(),
    };

    private static string DescribeValue(object value) => value switch
    {
        bool truth => truth ? "true" : "false",
        IEnumerable => "a list",
        _ when IsNumber(value) => $"the number {ItemText(value)}",
        _ => $"'{value}'",
    };
}
