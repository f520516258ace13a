"""Component ids shared by the layout, the callbacks and the browser tests."""

URL = "url"
PAGE = "page"
STATE = "view-state"
KEYS = "keys"
RANGE = "timeline-range"
ROW = "grid-row-click"  # a grid cell the user clicked (not the grid mounting)
MAIN = "main"
METHODS = "methods"
AS_OF = "as-of"
EMPTY = "empty-state"
ERROR = "error-state"

DATES = "date-range"
TYPE = "filter-type"
COUNTRY = "filter-country"
SOURCE = "filter-source-country"  # the acting side's country
TARGET = "filter-target-country"  # the target's country
ROLE = "filter-actor-role"  # the actor filter's role: any, source or target
NEGATED = "show-negated"
YEAR = "filter-year"  # a year preset: sets the dates to that calendar year
SHOW_ALL = "show-all-dates"  # pattern type of the note's "show all dates" button
ACTOR = "filter-actor"
INSTRUMENT = "filter-instrument"
MODALITY = "filter-modality"
TEXT = "filter-text"
LANES = "lane-mode"
CLEAR = "clear-filters"
CHIPS = "chips"
CHIP = "chip"

NOTE = "timeline-note"
TIMELINE = "timeline"
COUNTS_TABLE = "counts-table"
COUNTS_SUMMARY = "counts-summary"
GRID = "events-grid"  # the grid's slot; the grid mounts in it after the first timeline draw
GRID_TABLE = "events-grid-table"  # the grid's pattern id type: {"type": GRID_TABLE, "view": ...}
GRID_READY = "grid-ready"  # set once the first timeline is drawn
GRID_WANTED = "grid-wanted"  # the view to mount the grid with, until it is mounted
GRID_MOUNTED = "grid-mounted"
GRID_CAPTION = "grid-caption"

DETAIL = "detail"
DETAIL_SUMMARY = "detail-summary"
EVIDENCE = "evidence"
ARTICLE_LINK = "article-link"
CLOSE_DETAIL = "close-detail"

CSV = "export-csv"
PARQUET = "export-parquet"
PNG = "export-png"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_PARQUET = "download-parquet"
PNG_STATUS = "png-status"

STORY = "storyline"
STORY_HEADING = "storyline-heading"
STORY_PRINT = "storyline-print"
STORY_HTML = "storyline-html"
STORY_MARKDOWN = "storyline-markdown"
DOWNLOAD_BRIEFING = "download-briefing"
PNG_STAMP = "png-stamp"
URL_WARNING = "url-warning"
FILTERS_TOGGLE = "filters-toggle"
PHONE_LAYOUT = "phone-layout"
FILTERS_FOLD = "filters-fold"
