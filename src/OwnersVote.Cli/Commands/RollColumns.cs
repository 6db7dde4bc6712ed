using OwnersVote.Voting;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// The headers property offices use for the roll's columns, Chinese and English, and the words
/// they use for the source of an area (JI art. 8).
/// </summary>
public static class RollColumns
{
    /// <summary>Accepted headers for each roll field, the preferred first.</summary>
    public static IReadOnlyDictionary<RollField, string[]> Headers { get; } = new Dictionary<RollField, string[]>
    {
        [RollField.Building] = ["楼号", "楼栋", "楼栋号", "幢号", "building"],
        [RollField.Unit] = ["室号", "房号", "房间号", "单元", "unit", "room"],
        [RollField.Owner] = ["业主编号", "业主", "业主姓名", "owner", "owner_id"],

        // JI art. 8 weighs by exclusive area (专有部分面积); a plain "area" or the gross floor
        // area (建筑面积, what most registers record) is used when that is what the sheet has.
        [RollField.Area] = ["专有面积", "专有部分面积", "面积", "建筑面积", "area"],
        [RollField.AreaSource] = ["面积来源", "面积依据", "area_source", "source"],
    };

    /// <summary>The column name of a field in roll.csv (<see cref="RollCsv.Header"/>).</summary>
    public static string CsvName(RollField field) => field switch
    {
        RollField.Building => "building",
        RollField.Unit => "unit",
        RollField.Owner => "owner",
        RollField.Area => "area",
        RollField.AreaSource => "area_source",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown roll field."),
    };

    /// <summary>
    /// The field a header names, or null. Spaces are ignored, English is case-insensitive and a
    /// trailing unit in brackets is dropped: "建筑面积（㎡）", "Area (m2)".
    /// </summary>
    public static RollField? FieldOf(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string key = Normalize(header);
        foreach ((RollField field, string[] names) in Headers)
        {
            if (names.Any(n => string.Equals(Normalize(n), key, StringComparison.Ordinal)))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The rank of a header among those for its field (0 = preferred).</summary>
    public static int Rank(RollField field, string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string key = Normalize(header);
        return Array.FindIndex(Headers[field], n => string.Equals(Normalize(n), key, StringComparison.Ordinal));
    }

    /// <summary>The area source a cell names, or null: 不动产登记/登记/产证 → registry, 实测/测绘 →
    /// survey, 合同/预售 → contract, and the English words.</summary>
    public static AreaSource? SourceOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Normalize(text) switch
        {
            "registry" or "不动产登记" or "不动产登记簿" or "登记" or "产证" => AreaSource.Registry,
            "survey" or "实测" or "测绘" => AreaSource.Survey,
            "contract" or "合同" or "预售" or "预售合同" => AreaSource.Contract,
            _ => null,
        };
    }

    private static string Normalize(string text)
    {
        string trimmed = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        int bracket = trimmed.IndexOfAny(['(', '（']);
        if (bracket > 0 && (trimmed.EndsWith(')') || trimmed.EndsWith('）')))
        {
            trimmed = trimmed[..bracket];
        }

        return trimmed.ToLowerInvariant();
    }
}
