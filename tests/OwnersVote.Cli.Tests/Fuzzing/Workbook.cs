using System.IO.Compression;
using System.Text;

namespace OwnersVote.Cli.Tests.Fuzzing;

/// <summary>
/// A minimal .xlsx package (ECMA-376 Part 2 OPC: content types, relationships, workbook, one sheet,
/// shared strings) written with fixed entry order and timestamps, so that the fuzz corpus is the
/// same bytes on every run; and the way back, to mutate one part's XML and re-zip it.
/// </summary>
internal static class Workbook
{
    private static readonly DateTimeOffset s_time = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
        """;

    private const string PackageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookXml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="业主名册" sheetId="1" r:id="rId1"/></sheets></workbook>
        """;

    private const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """;

    /// <summary>A workbook whose first sheet holds <paramref name="sheetData"/> (the inside of
    /// <c>&lt;sheetData&gt;</c>) and whose shared string table holds <paramref name="strings"/>.</summary>
    public static byte[] Create(string sheetData, params string[] strings)
    {
        string sheet = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n"
            + $"""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetData}</sheetData></worksheet>""";
        string shared = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n"
            + $"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Length}" uniqueCount="{strings.Length}">"""
            + string.Concat(strings.Select(s => $"<si><t>{s}</t></si>")) + "</sst>";
        return Zip([
            ("[Content_Types].xml", ContentTypes),
            ("_rels/.rels", PackageRels),
            ("xl/workbook.xml", WorkbookXml),
            ("xl/_rels/workbook.xml.rels", WorkbookRels),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", shared),
        ]);
    }

    /// <summary>The package's parts, in order.</summary>
    public static List<(string Name, byte[] Content)> Parts(byte[] xlsx)
    {
        using var archive = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        List<(string, byte[])> parts = [];
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using Stream stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            parts.Add((entry.FullName, content.ToArray()));
        }

        return parts;
    }

    /// <summary>Zips parts in the given order with a fixed timestamp.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> parts)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in parts)
            {
                ZipArchiveEntry entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = s_time;
                using Stream stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static byte[] Zip(IEnumerable<(string Name, string Text)> parts) =>
        Zip(parts.Select(p => (p.Name, Encoding.UTF8.GetBytes(p.Text))));
}
