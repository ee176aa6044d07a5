"""Numbers written as a person writes them: ordinals, ranges, multiples.

Shared by the chart titles (``figures/``) and the chapters' facts
(``chapters/``), so a rank reads "third" and a range "1980–1988" everywhere.
"""

from __future__ import annotations

_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)


def ordinal_suffix(number: int) -> str:
    """Return ``number`` with its English ordinal suffix: ``21st``, ``12th``, ``103rd``.

    Examples
    --------
    >>> [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 103, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd', '111th']
    """
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def ordinal(number: int) -> str:
    """Return a rank as a word up to twenty (``third``), as digits with a suffix beyond (``21st``).

    Raises
    ------
    ValueError
        If ``number`` is not a positive whole number.

    Examples
    --------
    >>> ordinal(3), ordinal(12), ordinal(20), ordinal(21)
    ('third', 'twelfth', 'twentieth', '21st')
    >>> ordinal(0)
    Traceback (most recent call last):
    ...
    ValueError: a rank is a positive whole number, not 0
    """
    if isinstance(number, bool) or int(number) != number or number < 1:
        raise ValueError(f"a rank is a positive whole number, not {number!r}")
    number = int(number)
    return _ORDINALS[number - 1] if number <= len(_ORDINALS) else ordinal_suffix(number)


def largest(rank: int) -> str:
    """Return the phrase of a rank by size: ``largest``, ``second-largest``, ``21st-largest``.

    Examples
    --------
    >>> largest(1), largest(3), largest(21)
    ('largest', 'third-largest', '21st-largest')
    """
    return "largest" if rank == 1 else f"{ordinal(rank)}-largest"


def year_range(start: int, end: int, *, short: bool = False) -> str:
    """Return a range of years with an en dash; ``short`` drops the century the end repeats.

    Examples
    --------
    >>> year_range(1980, 1988), year_range(1980, 1988, short=True)
    ('1980–1988', '1980–88')
    >>> year_range(1995, 2003, short=True), year_range(2016, 2016)
    ('1995–2003', '2016')
    """
    if start == end:
        return str(start)
    if short and start // 100 == end // 100:
        return f"{start}–{end % 100:02d}"
    return f"{start}–{end}"


def times(ratio: float) -> str:
    """Return a multiple as a reader writes it: whole from ten up, one decimal below.

    Examples
    --------
    >>> times(55.6), times(2.46), times(10.0)
    ('56×', '2.5×', '10×')
    """
    if ratio >= 9.95:
        return f"{ratio:,.0f}×"
    return f"{ratio:.1f}×"


def percent(share: float) -> str:
    """Return a share of one as a whole percentage, or ``under 1%`` for a small non-zero one.

    Examples
    --------
    >>> percent(0.3921), percent(0.004), percent(0.0)
    ('39%', 'under 1%', '0%')
    """
    if 0 < share < 0.005:
        return "under 1%"
    return f"{share:.0%}"


def join_words(items: list[str]) -> str:
    """Return items as a reader lists them: ``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> join_words(["2022"]), join_words(["2022", "2023"]), join_words(["2022", "2023", "2024"])
    ('2022', '2022 and 2023', '2022, 2023 and 2024')
    >>> join_words([])
    ''
    """
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count_words(number: int, zero: str = "none") -> str:
    """Return a count as the text quotes it: ``zero`` for 0, else with thousands separators.

    Examples
    --------
    >>> count_words(0), count_words(4600)
    ('none', '4,600')
    """
    return zero if number == 0 else f"{number:,}"
