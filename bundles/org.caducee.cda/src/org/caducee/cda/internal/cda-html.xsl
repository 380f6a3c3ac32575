<?xml version="1.0" encoding="UTF-8"?>
<!-- Caducée's own structured rendering of a CDA R2 document: header facts, then each section with its narrative block. -->
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:h="urn:hl7-org:v3"
    exclude-result-prefixes="h">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:param name="patientLabel" select="'Patient'"/>
  <xsl:param name="authorLabel" select="'Auteur'"/>
  <xsl:param name="dateLabel" select="'Date'"/>
  <xsl:param name="pdfOnlyLabel" select="'Document non structuré : voir sa copie PDF.'"/>
  <xsl:template match="/h:ClinicalDocument">
    <html lang="fr">
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="h:title"/></title>
        <style>body{font-family:sans-serif;margin:1.5em;color:#111} table{border-collapse:collapse;margin:.5em 0}
          td,th{border:1px solid #999;padding:.2em .5em;text-align:left} .meta{color:#444} h1{font-size:1.4em} h2{font-size:1.15em}</style>
      </head>
      <body>
        <h1><xsl:value-of select="h:title"/></h1>
        <p class="meta">
          <xsl:value-of select="$patientLabel"/> : <xsl:value-of select="(h:recordTarget/h:patientRole/h:patient/h:name/h:family)[1]"/>
          <xsl:text> </xsl:text><xsl:value-of select="(h:recordTarget/h:patientRole/h:patient/h:name/h:given)[1]"/> —
          <xsl:value-of select="$authorLabel"/> : <xsl:value-of select="h:author[1]/h:assignedAuthor/h:assignedPerson/h:name/h:given[1]"/>
          <xsl:text> </xsl:text><xsl:value-of select="h:author[1]/h:assignedAuthor/h:assignedPerson/h:name/h:family[1]"/> —
          <xsl:value-of select="$dateLabel"/> : <xsl:value-of select="replace(h:effectiveTime/@value, '^(\d{4})(\d{2})(\d{2}).*$', '$3/$2/$1')"/>
        </p>
        <xsl:apply-templates select="h:component/h:structuredBody/h:component/h:section"/>
        <xsl:if test="h:component/h:nonXMLBody"><p><xsl:value-of select="$pdfOnlyLabel"/></p></xsl:if>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="h:section">
    <section>
      <h2><xsl:value-of select="h:title"/></h2>
      <xsl:apply-templates select="h:text/node()"/>
      <xsl:apply-templates select="h:component/h:section"/>
    </section>
  </xsl:template>
  <xsl:template match="h:paragraph"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="h:table"><table><xsl:apply-templates/></table></xsl:template>
  <xsl:template match="h:thead|h:tbody|h:tr|h:th|h:td|h:caption">
    <xsl:element name="{local-name()}"><xsl:apply-templates/></xsl:element>
  </xsl:template>
  <xsl:template match="h:list"><ul><xsl:apply-templates/></ul></xsl:template>
  <xsl:template match="h:item"><li><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="h:br"><br/></xsl:template>
  <xsl:template match="h:content|h:linkHtml|h:sub|h:sup"><span><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="h:renderMultiMedia|h:footnote|h:footnoteRef"/>
  <xsl:template match="text()"><xsl:value-of select="."/></xsl:template>
</xsl:stylesheet>
