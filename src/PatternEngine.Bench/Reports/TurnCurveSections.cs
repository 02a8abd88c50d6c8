using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static PatternEngine.Bench.Reports.BenchReportCharts;

namespace PatternEngine.Bench.Reports;

/// <summary>The reports' "Tokens per turn" section: a table of mean input tokens per turn and pattern, and in HTML a line chart of it.</summary>
internal static class TurnCurveSections
{
    private const double Width = 860;
    private const double Height = 260;
    private const double Left = 60;
    private const double Right = 640;
    private const double Top = 10;
    private const double Bottom = 220;

    public static void Markdown(StringBuilder md, BenchReport report)
    {
        var curves = TurnCurve.Of(report);
        if (curves.IsEmpty)
        {
            return;
        }

        md.Append("## Tokens per turn\n\n")
          .Append("Mean input tokens of each turn of the conversation cases, over the runs that played it.\n\n")
          .Append("| turn | ").Append(string.Join(" | ", curves.Select(c => BenchReportMarkdown.Escape(c.Pattern)))).Append(" |\n")
          .Append("|--:|").Append(string.Concat(curves.Select(_ => "--:|"))).Append('\n');
        foreach (var turn in Turns(curves))
        {
            md.Append("| ").Append(turn.ToString(CultureInfo.InvariantCulture)).Append(" | ")
              .Append(string.Join(" | ", curves.Select(c => Tokens(c, turn)))).Append(" |\n");
        }

        md.Append('\n');
    }

    public static IEnumerable<XElement> Html(BenchReport report)
    {
        var curves = TurnCurve.Of(report);
        if (curves.IsEmpty)
        {
            yield break;
        }

        yield return new XElement("h2", "Tokens per turn");
        yield return new XElement("p", "Mean input tokens of each turn of the conversation cases, over the runs that played it: one line per pattern.");
        yield return new XElement("figure", new XAttribute("class", "turn-chart"), Chart(curves));
        yield return new XElement("table",
            new XElement("thead", new XElement("tr", new XElement("th", "turn"), curves.Select(c => new XElement("th", c.Pattern)))),
            new XElement("tbody", Turns(curves).Select(turn => new XElement("tr",
                new XElement("td", new XAttribute("class", "number"), turn.ToString(CultureInfo.InvariantCulture)),
                curves.Select(c => new XElement("td", new XAttribute("class", "number"), Tokens(c, turn)))))));
    }

    private static XElement Chart(IReadOnlyList<PatternTurnCurve> curves)
    {
        var turns = Turns(curves).ToList();
        var maxTurn = Math.Max(1, turns.Max());
        var tokens = new SvgScale(curves.SelectMany(c => c.Points.Select(p => p.InputTokens)).Append(0), 0, Bottom - Top);
        double X(double turn) => Left + (turn / maxTurn * (Right - Left));
        double Y(double value) => Bottom - tokens.X(value);
        var svg = new XElement("svg", new XAttribute("class", "chart"), new XAttribute("role", "img"),
            new XAttribute("aria-label", "Mean input tokens per turn, one line per pattern"),
            new XAttribute("viewBox", $"0 0 {SvgScale.Coordinate(Width)} {SvgScale.Coordinate(Height)}"),
            Attr("width", Width), Attr("height", Height));
        foreach (var tick in tokens.Ticks())
        {
            svg.Add(Line("grid", Left, Y(tick), Right, Y(tick)), Text("tick", Left - 6, Y(tick) + 4, tokens.Label(tick), "end"));
        }

        foreach (var turn in turns.Where(t => maxTurn <= 20 || t % 5 == 0))
        {
            svg.Add(Text("tick", X(turn), Bottom + 16, turn.ToString(CultureInfo.InvariantCulture), "middle"));
        }

        svg.Add(Text("unit", Right + 10, Bottom + 16, "turn"), Text("unit", Left - 6, Top - 0, "input tokens", "end"));
        string[] colours = ["#0969da", "#e16f24", "#2da44e", "#8250df", "#bf3989", "#59636e"];
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var colour = colours[i % colours.Length];
            var points = string.Join(" ", curve.Points.Select(p => $"{SvgScale.Coordinate(X(p.Turn))},{SvgScale.Coordinate(Y(p.InputTokens))}"));
            svg.Add(new XElement("g", new XAttribute("class", "curve"), new XAttribute("data-pattern", curve.Pattern),
                new XElement("polyline", new XAttribute("points", points), new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"),
                    new XElement("title", curve.Pattern)),
                new XElement("rect", Attr("x", Right + 10), Attr("y", Top + (i * 18)), Attr("width", 12), Attr("height", 12), new XAttribute("fill", colour)),
                Text("label", Right + 28, Top + (i * 18) + 10, curve.Pattern)));
        }

        return svg;
    }

    private static IEnumerable<int> Turns(IEnumerable<PatternTurnCurve> curves) => curves.SelectMany(c => c.Points.Select(p => p.Turn)).Distinct().Order();

    private static string Tokens(PatternTurnCurve curve, int turn) =>
        curve.Points.FirstOrDefault(p => p.Turn == turn) is { } point ? point.InputTokens.ToString("N1", CultureInfo.InvariantCulture) : "";
}
