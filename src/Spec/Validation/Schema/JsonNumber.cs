using System.Globalization;
using System.Text.Json;

namespace Runc.Sharp.Spec.Validation.Schema;

/// <summary>
/// A JSON number for comparisons: exact <see cref="decimal"/> when it fits (so 0.0075 is a multiple
/// of 0.0001), <see cref="double"/> otherwise (1e308). Plain integers, by far the most common, take a
/// cheaper parse.
/// </summary>
internal readonly struct JsonNumber
{
    private readonly decimal _decimal;
    private readonly double _double;
    private readonly bool _isDecimal;

    private JsonNumber(decimal value)
    {
        _decimal = value;
        _double = (double)value;
        _isDecimal = true;
    }

    private JsonNumber(long value)
    {
        _decimal = value;
        _double = value;
        _isDecimal = true;
    }

    private JsonNumber(double value) => _double = value;

    public static JsonNumber From(JsonElement number)
    {
        if (number.TryGetInt64(out long whole))
        {
            return new JsonNumber(whole);
        }

        if (number.TryGetDecimal(out decimal exact))
        {
            return new JsonNumber(exact);
        }

        return number.TryGetDouble(out double approximate)
            ? new JsonNumber(approximate)
            : new JsonNumber(double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Value as a double; used for hashing so that equal numbers hash alike.</summary>
    public double AsDouble => _double;

    public bool IsInteger => _isDecimal ? decimal.Truncate(_decimal) == _decimal : double.IsFinite(_double) && Math.Floor(_double) == _double;

    public bool IsPositive => _isDecimal ? _decimal > 0 : _double > 0;

    public int CompareTo(JsonNumber other) =>
        _isDecimal && other._isDecimal ? _decimal.CompareTo(other._decimal) : _double.CompareTo(other._double);

    public bool IsMultipleOf(JsonNumber divisor)
    {
        if (_isDecimal && divisor._isDecimal && divisor._decimal != 0)
        {
            try
            {
                return _decimal % divisor._decimal == 0;
            }
            catch (OverflowException)
            {
                // Fall through to the floating-point check.
            }
        }

        double quotient = _double / divisor._double;
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }

    public override string ToString() =>
        _isDecimal ? _decimal.ToString(CultureInfo.InvariantCulture) : _double.ToString("R", CultureInfo.InvariantCulture);
}
