using System.Globalization;

namespace PatternEngine.Tools;

/// <summary>
/// Evaluates arithmetic: numbers, + - * / % ^, unary minus and parentheses, with the usual precedence
/// (^ binds tightest and to the right). A small recursive-descent parser: nothing in the text is ever executed.
/// </summary>
internal sealed class ArithmeticExpression
{
    private readonly string _text;
    private int _position;

    private ArithmeticExpression(string text) => _text = text;

    /// <exception cref="FormatException">The text is not an arithmetic expression; the message says where.</exception>
    /// <exception cref="DivideByZeroException">The expression divides by zero.</exception>
    public static double Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ArithmeticExpression(text);
        var value = parser.Sum();
        parser.SkipSpaces();
        return parser._position == text.Length ? value : throw parser.Error("an operator");
    }

    private double Sum()
    {
        var value = Product();
        while (true)
        {
            if (Accept('+'))
            {
                value += Product();
            }
            else if (Accept('-'))
            {
                value -= Product();
            }
            else
            {
                return value;
            }
        }
    }

    private double Product()
    {
        var value = Power();
        while (true)
        {
            if (Accept('*'))
            {
                value *= Power();
            }
            else if (Accept('/'))
            {
                var divisor = Power();
                value = divisor == 0 ? throw new DivideByZeroException("division by zero") : value / divisor;
            }
            else if (Accept('%'))
            {
                var divisor = Power();
                value = divisor == 0 ? throw new DivideByZeroException("division by zero") : value % divisor;
            }
            else
            {
                return value;
            }
        }
    }

    private double Power()
    {
        var value = Unary();
        return Accept('^') ? Math.Pow(value, Power()) : value;
    }

    private double Unary() => Accept('-') ? -Unary() : Accept('+') ? Unary() : Atom();

    private double Atom()
    {
        if (Accept('('))
        {
            var value = Sum();
            return Accept(')') ? value : throw Error("')'");
        }

        SkipSpaces();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        return start < _position && double.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error("a number or '('");
    }

    private bool Accept(char symbol)
    {
        if (!Peek(symbol))
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool Peek(char symbol)
    {
        SkipSpaces();
        return _position < _text.Length && _text[_position] == symbol;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string expected) => _position < _text.Length
        ? new FormatException($"expected {expected} at position {_position + 1} of '{_text}', found '{_text[_position]}'")
        : new FormatException($"expected {expected} at the end of '{_text}'");
}
