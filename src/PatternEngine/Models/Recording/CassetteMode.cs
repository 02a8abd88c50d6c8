namespace PatternEngine.Models.Recording;

/// <summary>How a <see cref="Cassette"/> answers calls.</summary>
public enum CassetteMode
{
    /// <summary>A request the cassette holds is answered from it (marked <c>cache</c>); any other calls the model and is added.</summary>
    Cache,

    /// <summary>Every request calls the model, and every answer is added.</summary>
    Record,

    /// <summary>Every request is answered from the cassette (marked <c>replay</c>); one it does not hold fails, and nothing calls the model.</summary>
    Replay,
}
