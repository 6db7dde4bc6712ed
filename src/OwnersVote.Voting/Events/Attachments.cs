using System.Text.Json.Nodes;

namespace OwnersVote.Voting.Events;

/// <summary>
/// Attached documents as notices and statements carry them: <c>[{"name":…,"sha256":…}]</c>,
/// sorted by name, the same shape as <see cref="MatterPublished.Documents"/>. The files are kept
/// outside the log, content-addressed by the SHA-256 pinned here.
/// </summary>
internal static class Attachments
{
    public static JsonArray Write(IReadOnlyList<MatterDocument> documents)
    {
        var array = new JsonArray();
        foreach (MatterDocument d in documents)
        {
            array.Add(new JsonObject { ["name"] = d.Name, ["sha256"] = d.Sha256 });
        }

        return array;
    }

    public static IReadOnlyList<MatterDocument> Read(StrictJsonObject payload, string name) =>
        payload.Array(name, item =>
        {
            StrictJsonObject d = item.Object();
            var document = new MatterDocument(d.NonEmptyString("name"), d.Sha256Hex("sha256"));
            d.End();
            return document;
        });

    public static void Validate(IReadOnlyList<MatterDocument> documents, string what, Func<string, Exception> fail)
    {
        if (documents.Any(d => string.IsNullOrEmpty(d.Name)))
        {
            throw fail($"each of the {what} has a name.");
        }

        EventRules.SortedUnique([.. documents.Select(d => d.Name)], what, fail);
        if (documents.Any(d => !OwnerKey.IsHash(d.Sha256)))
        {
            throw fail($"{what} are pinned by SHA-256, 64 lowercase hex digits.");
        }
    }
}
