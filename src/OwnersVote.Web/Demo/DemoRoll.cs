using OwnersVote.Voting;

namespace OwnersVote.Web.Demo;

/// <summary>
/// The demo roll: buildings 12, 56, 57 and 58 of 景城品雅苑. Building 57 has 49 units and 49
/// owners (the reference case). Building 12 has one owner holding two units (one head, JI art. 9);
/// building 58 has four units the developer has not sold (one head together, JI art. 9).
/// </summary>
public static class DemoRoll
{
    /// <summary>Builds the roll; <paramref name="ownerOf"/> turns an owner's first unit id into their keyed-hash id.</summary>
    public static Roll Build(Func<string, OwnerId> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        var units = new List<Unit>();
        int n = 0;
        foreach ((string building, int count) in new[] { ("12", 24), ("56", 24), ("57", 49), ("58", 24) })
        {
            for (int i = 0; i < count; i++, n++)
            {
                // Two flats a floor; building 57's 49 units fill entrance 1 to floor 13 and entrance 2 to floor 12.
                int entrance = building == "57" && i >= 25 ? 2 : 1;
                int j = entrance == 2 ? i - 25 : i;
                string id = $"{building}-{entrance}-{(j / 2) + 1}{(j % 2) + 1:D2}";
                OwnerId owner = (building, id) switch
                {
                    ("12", "12-1-102") => ownerOf("12-1-101"),
                    ("58", "58-1-1101" or "58-1-1102" or "58-1-1201" or "58-1-1202") => OwnerId.Developer,
                    _ => ownerOf(id),
                };

                // Deterministic areas from 68.50 to 131.49 m²; a few have only a surveyed or contract figure (JI art. 8).
                long hundredths = 6850 + ((n * 7919L) % 6300);
                AreaSource source = (n % 17) switch
                {
                    5 => AreaSource.Survey,
                    11 => AreaSource.Contract,
                    _ => AreaSource.Registry,
                };
                units.Add(new Unit(new UnitId(id), new BuildingId(building), owner, Area.FromHundredths(hundredths), source));
            }
        }

        return Roll.Create(units);
    }
}
