"""The numbers that five news texts (2014-2022) assert about Japan's policy toward Russia.

One module per stage of the study, in the order data flows:
sources -> cleaning -> mentions -> claims -> crosscheck -> figures.
"""
