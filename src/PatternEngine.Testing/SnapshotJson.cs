using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Testing;

/// <summary>System.Text.Json to the Newtonsoft tokens Snapshooter writes as they are.</summary>
internal static class SnapshotJson
{
    public static JToken ToToken(JsonNode json)
    {
        // Text that looks like a date stays text: an answer is snapshotted as the model wrote it.
        using var reader = new JsonTextReader(new StringReader(json.ToJsonString())) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
