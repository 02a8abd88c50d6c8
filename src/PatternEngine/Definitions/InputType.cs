namespace PatternEngine.Definitions;

/// <summary>The type of a pattern input; the names mirror the file format's <c>type</c> values.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the file format's type names.")]
public enum InputType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A number, given on the command line as text that parses as one.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A list of texts; on the command line, one item per line or a JSON array.</summary>
    List,
}
