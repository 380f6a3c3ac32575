<?xml version="1.0" encoding="UTF-8"?>
<!-- Second pass over a schematron transpiled by SchXslt2: copies the stylesheet unchanged except the match patterns of
     its templates, rewritten by MatchPatternGuard (same matches, cheaper to reject). See MatchPatternGuard. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:guard="urn:caducee:schematron-guard" exclude-result-prefixes="guard">
  <xsl:mode on-no-match="shallow-copy"/>
  <xsl:template match="xsl:template/@match">
    <xsl:attribute name="match" select="guard:guard(string(.))"/>
  </xsl:template>
</xsl:stylesheet>
