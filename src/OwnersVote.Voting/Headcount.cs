using System.Globalization;

namespace OwnersVote.Voting;

/// <summary>
/// A number of headcount principals (人数): owners counted once each per JI art. 9, so that a
/// count of heads cannot be mixed up with a count of units or an area.
/// </summary>
public readonly struct Headcount : IEquatable<Headcount>, IComparable<Headcount>
{
    private Headcount(int value) => Value = value;

    /// <summary>No one.</summary>
    public static Headcount Zero => default;

    /// <summary>One principal.</summary>
    public static Headcount One => new(1);

    /// <summary>The number of principals (never negative).</summary>
    public int Value { get; }

    /// <summary>Creates a headcount.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static Headcount FromInt32(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new Headcount(value);
    }

    /// <summary>The sum of two headcounts (checked).</summary>
    public static Headcount operator +(Headcount left, Headcount right) => new(checked(left.Value + right.Value));

    /// <summary>The sum of two headcounts (checked).</summary>
    public static Headcount Add(Headcount left, Headcount right) => left + right;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(Headcount other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Headcount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value;

    /// <inheritdoc/>
    public int CompareTo(Headcount other) => Value.CompareTo(other.Value);

    /// <summary>Equality.</summary>
    public static bool operator ==(Headcount left, Headcount right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Headcount left, Headcount right) => !left.Equals(right);

    /// <summary>Order.</summary>
    public static bool operator <(Headcount left, Headcount right) => left.Value < right.Value;

    /// <summary>Order.</summary>
    public static bool operator >(Headcount left, Headcount right) => left.Value > right.Value;

    /// <summary>Order.</summary>
    public static bool operator <=(Headcount left, Headcount right) => left.Value <= right.Value;

    /// <summary>Order.</summary>
    public static bool operator >=(Headcount left, Headcount right) => left.Value >= right.Value;
}
